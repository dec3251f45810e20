package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schemas under docs/schemas: shipped in the jars unchanged, well-formed draft 2020-12
 * with an id, title, description and examples, and satisfied by every bundled sample and example.
 */
class PublishedSchemasTest {
  private static final Path DOCS = Path.of("..", "docs", "schemas");

  static List<String> kinds() {
    return PublishedSchemas.ALL;
  }

  @Test
  void docsSchemas_areExactlyTheKinds() throws IOException {
    TreeSet<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.list(DOCS)) {
      s.map(p -> p.getFileName().toString()).forEach(files::add);
    }
    TreeSet<String> expected = new TreeSet<>();
    kinds().forEach(k -> expected.add(k + ".schema.json"));
    assertEquals(expected, files);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void jarsShip_theDocsCopy_byteForByte(String kind) throws IOException {
    assertEquals(Files.readString(DOCS.resolve(kind + ".schema.json"), StandardCharsets.UTF_8),
        PublishedSchemas.text(kind));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void schema_isDraft202012_withIdTitleDescriptionAndExamples(String kind) {
    JsonNode s = PublishedSchemas.tree(kind);
    assertEquals("https://json-schema.org/draft/2020-12/schema", s.path("$schema").asText());
    assertEquals(PublishedSchemas.BASE + kind + "-1.schema.json", s.path("$id").asText());
    assertFalse(s.path("title").asText().isBlank(), "title");
    assertFalse(s.path("description").asText().isBlank(), "description");
    assertTrue(s.path("examples").isArray() && !s.path("examples").isEmpty(), "examples");
    List<Error> errors = META.validate(s);
    assertTrue(errors.isEmpty(), () -> kind + " is not a valid 2020-12 schema: " + errors);
  }

  private static final com.networknt.schema.Schema META = SchemaRegistry.withDefaultDialect(
      SpecificationVersion.DRAFT_2020_12).getSchema(
          SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

  /** Strictness is the schemas' rule too: every object schema says what else it allows. */
  @ParameterizedTest
  @MethodSource("kinds")
  void everyObjectSchema_closesItsProperties(String kind) {
    List<String> open = new ArrayList<>();
    int[] objects = {0};
    walk(PublishedSchemas.tree(kind), "#", open, objects);
    assertTrue(open.isEmpty(), () -> kind + ": object schemas without additionalProperties: "
        + open);
    assertTrue(objects[0] >= 1, "no object schema found in " + kind);
  }

  private static void walk(JsonNode node, String at, List<String> open, int[] objects) {
    if (node.isObject()) {
      if (node.path("type").asText("").equals("object")) {
        objects[0]++;
        if (!node.has("additionalProperties") && !node.has("unevaluatedProperties")) {
          open.add(at);
        }
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getKey().equals("examples")) {
          walk(e.getValue(), at + "/" + e.getKey(), open, objects);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), at + "/" + i, open, objects);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyExample_isValid_andTheReaderAcceptsIt(String kind, @TempDir Path dir)
      throws IOException {
    JsonNode examples = PublishedSchemas.tree(kind).path("examples");
    for (int i = 0; i < examples.size(); i++) {
      JsonNode example = examples.get(i);
      List<Error> errors = PublishedSchemas.errors(kind, example);
      assertTrue(errors.isEmpty(), kind + " example " + i + ": " + errors);
      if (PublishedSchemas.OUTPUT_KINDS.contains(kind)) {
        continue; // written by Linli, never read
      }
      Path file = SchemaCorpusTest.write(dir, kind, example, i);
      LinliCommandTest.Run r = LinliCommandTest.run("validate", file.toString());
      assertEquals(0, r.code(), kind + " example " + i + ": " + r.err());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"city.json", "earning-rules.json", "member-limits.json", "catalogue.json",
      "jingfang-centre-rules.json", "booking-config.json"})
  void sampleDocument_isValidAgainstTheSchemaOfItsFormat(String name) throws IOException {
    JsonNode doc = resource("/sample/hangzhou-seed/" + name);
    String kind = doc.path("format").asText();
    assertTrue(PublishedSchemas.KINDS.contains(kind), name + " has format " + kind);
    List<Error> errors = PublishedSchemas.errors(kind, doc);
    assertTrue(errors.isEmpty(), name + ": " + errors);
  }

  @Test
  void sampleRequests_everyLineIsValid() throws IOException {
    int checked = 0;
    try (InputStream in = getClass().getResourceAsStream("/sample/hangzhou-seed/"
        + "booking-requests.jsonl")) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].isBlank()) {
          continue;
        }
        JsonNode line = PublishedSchemas.JSON.readTree(lines[i]);
        List<Error> errors = PublishedSchemas.errors("linli-booking-request", line);
        assertTrue(errors.isEmpty(), "line " + (i + 1) + ": " + errors);
        checked++;
      }
    }
    assertTrue(checked >= 10, "only " + checked + " request lines");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/dev/linli/core/facility/hangzhou-taxonomy.json",
      "/dev/linli/core/circle/gb50180-2018.json", "/dev/linli/core/circle/index-weights.json",
      "/dev/linli/core/circle/five-stars-three-colours.json"})
  void bundledDocument_isValidAgainstTheSchemaOfItsFormat(String resource) throws IOException {
    JsonNode doc = resource(resource);
    List<Error> errors = PublishedSchemas.errors(doc.path("format").asText(), doc);
    assertTrue(errors.isEmpty(), resource + ": " + errors);
  }

  @Test
  void healthCheckOutput_isValidAgainstItsSchema(@TempDir Path dir) throws IOException {
    Path city = dir.resolve("city");
    LinliCommandTest.run("city", "generate", "--seed", "7", "--communities", "30", "--facilities",
        "700", "--out", city.toString());
    Path out = dir.resolve("out");
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "score", "--communities",
        city.resolve("communities.csv").toString(), "--facilities",
        city.resolve("facilities.csv").toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode profiles = PublishedSchemas.JSON.readTree(out.resolve("profiles.json").toFile());
    assertEquals(30, profiles.path("profiles").size());
    List<Error> errors = PublishedSchemas.errors("linli-health-check", profiles);
    assertTrue(errors.isEmpty(), errors.toString());
    ((com.fasterxml.jackson.databind.node.ObjectNode) profiles.path("profiles").get(0))
        .put("stars", 6);
    assertFalse(PublishedSchemas.errors("linli-health-check", profiles).isEmpty());
  }

  @Test
  void bookingConfigSchema_checksTheRulesInside_throughItsReference() throws IOException {
    JsonNode doc = resource("/sample/hangzhou-seed/booking-config.json").deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("rules").path("jf-gym")
        .path("rules").get(1)).put("maxBookings", 0);
    assertFalse(PublishedSchemas.errors("linli-booking-config", doc).isEmpty());
  }

  private JsonNode resource(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(name)) {
      assertTrue(in != null, name);
      return PublishedSchemas.JSON.readTree(in);
    }
  }
}
