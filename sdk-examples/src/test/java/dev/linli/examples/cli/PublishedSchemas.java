package dev.linli.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The published JSON Schemas as the jars ship them ({@code META-INF/linli/schemas/}), checked by
 * an independent validator (networknt, draft 2020-12). A schema's {@code $id} is
 * {@code https://linli.dev/schemas/<kind>-1.schema.json}; references between schemas resolve to the
 * shipped copies, never to the network.
 */
final class PublishedSchemas {
  static final String BASE = "https://linli.dev/schemas/";
  static final String RESOURCES = "META-INF/linli/schemas/";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Every kind Linli reads, each with a schema named {@code <kind>.schema.json}. */
  static final List<String> KINDS = List.of("linli-city", "linli-facility-taxonomy",
      "linli-circle-standard", "linli-star-rating", "linli-index-weights", "linli-earning-rules",
      "linli-member-limits", "linli-catalogue", "linli-booking-rules", "linli-booking-config",
      "linli-ballot", "linli-ballot-entry", "linli-booking-request", "linli-osm-walk-profile",
      "linli-osm-poi-mapping", "linli-class", "linli-banquet-terms");

  /** Documents Linli writes and does not read, each with a schema too. */
  static final List<String> OUTPUT_KINDS = List.of("linli-health-check");

  /** Every schema. */
  static final List<String> ALL = java.util.stream.Stream.concat(KINDS.stream(),
      OUTPUT_KINDS.stream()).toList();

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
      SpecificationVersion.DRAFT_2020_12, b -> b.schemas(PublishedSchemas::byIri));

  private PublishedSchemas() {}

  /** The shipped text of a kind's schema. */
  static String text(String kind) {
    try (InputStream in = PublishedSchemas.class.getClassLoader()
        .getResourceAsStream(RESOURCES + kind + ".schema.json")) {
      if (in == null) {
        throw new AssertionError("no schema on the classpath for " + kind);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String kind) {
    try {
      return JSON.readTree(text(kind));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Schema schema(String kind) {
    return REGISTRY.getSchema(SchemaLocation.of(BASE + kind + "-1.schema.json"));
  }

  /** The problems the schema finds in a document; empty if it is valid. */
  static List<Error> errors(String kind, JsonNode document) {
    return schema(kind).validate(document);
  }

  private static String byIri(String iri) {
    if (!iri.startsWith(BASE) || !iri.endsWith("-1.schema.json")) {
      return null;
    }
    return text(iri.substring(BASE.length(), iri.length() - "-1.schema.json".length()));
  }
}
