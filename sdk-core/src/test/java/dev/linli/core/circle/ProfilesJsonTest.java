package dev.linli.core.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.Name;
import dev.linli.core.internal.JsonMapping;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** profiles.json written directly is the document the mapper builds and pretty-prints. */
class ProfilesJsonTest {
  /**
   * What the writer once did: the profiles as a tree through the mapper, default printer, as
   * UTF-8 bytes (a string writer copies lone surrogates as they are, the byte writer does not).
   */
  static byte[] throughTheMapper(String standard, String travel, List<CommunityProfile> profiles)
      throws IOException {
    ObjectMapper mapper = JsonMapping.mapper(false);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", "linli-health-check");
    root.put("version", 1);
    root.put("standard", standard);
    root.put("travel", travel);
    root.set("profiles", mapper.valueToTree(profiles));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    out.write('\n');
    return out.toByteArray();
  }

  /** Text with what JSON escapes, two- and three-byte UTF-8, surrogate pairs and lone ones. */
  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.of("a", "b1", "中文", "\"", "\\", "\n", "\t", "\u0001", "\u001f", "\u007f",
        "é", "ß", "😀", "\ud800", "\udc00", " ", "/", "\r", "\b", "\f", "&<>")
        .list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts));
  }

  private Arbitrary<Double> numbers() {
    return Arbitraries.oneOf(Arbitraries.of(0.0, -0.0, 1.0, 255.0, 256.0, 1e7, 9_999_999.0, -3.0,
        0.1, 1e-5, 12.742925997969328, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e300),
        Arbitraries.doubles().between(-1e9, 1e9),
        Arbitraries.integers().between(0, 20_000).map(i -> (double) i));
  }

  private Arbitrary<TypeMeasure> measures() {
    Arbitrary<List<Double>> list = numbers().list().ofMaxSize(3);
    Arbitrary<Double> orNull = Arbitraries.oneOf(numbers(), Arbitraries.just(null));
    return Combinators.combine(texts().injectNull(0.2), texts().injectNull(0.2), orNull, orNull,
        list, list, numbers().list().ofSize(5)).as((code, level, metres, minutes, coverage,
            counts, rest) -> new TypeMeasure(code, level, metres, minutes, coverage, counts,
            rest.get(0), rest.get(1), rest.get(2), rest.get(3), rest.get(4)));
  }

  private Arbitrary<CommunityProfile> profiles() {
    Arbitrary<Map<String, Double>> scores = Combinators.combine(texts(),
        Arbitraries.oneOf(numbers(), Arbitraries.just(null))).as((k, v) -> {
          Map<String, Double> m = new TreeMap<>();
          m.put(k, v);
          return m;
        }).list().ofMaxSize(3).map(ms -> {
          Map<String, Double> all = new TreeMap<>();
          ms.forEach(all::putAll);
          return all;
        });
    Arbitrary<Map<String, List<String>>> missing = Combinators.combine(texts(),
        texts().list().ofMaxSize(2).injectNull(0.2)).as((k, v) -> {
          Map<String, List<String>> m = new LinkedHashMap<>();
          m.put(k, v);
          return m;
        }).list().ofMaxSize(3).map(ms -> {
          Map<String, List<String>> all = new LinkedHashMap<>();
          ms.forEach(all::putAll);
          return all;
        });
    Arbitrary<List<Object>> ids = Combinators.combine(texts().injectNull(0.2),
        Arbitraries.oneOf(Arbitraries.just(null), Combinators.combine(texts(), texts())
            .as((zh, en) -> new Name("z" + zh, en))), texts().injectNull(0.2), texts().injectNull(0.2),
        texts().injectNull(0.2)).as((id, name, district, subdistrict, colour) -> {
          List<Object> l = new ArrayList<>();
          l.add(id);
          l.add(name);
          l.add(district);
          l.add(subdistrict);
          l.add(colour);
          return l;
        });
    return Combinators.combine(ids, numbers().list().ofSize(2), scores,
        measures().list().ofMaxSize(3), missing, Arbitraries.integers().between(-5, 100_000)
            .list().ofSize(4), texts().list().ofMaxSize(2), texts().list().ofMaxSize(3))
        .as((id, nums, cats, types, miss, ints, earned, reasons) -> new CommunityProfile(
            (String) id.get(0), (Name) id.get(1), (String) id.get(2), (String) id.get(3),
            ints.get(0), nums.get(0), cats, types, miss, ints.get(1), ints.get(2), nums.get(1),
            ints.get(3), earned, (String) id.get(4), ints.get(0) % 2 == 0, reasons));
  }

  /** Text with everything outside printable ASCII as a Java escape, for failure messages. */
  private static String visible(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return b.toString();
  }

  @Provide
  Arbitrary<List<CommunityProfile>> documents() {
    return profiles().list().ofMaxSize(3);
  }

  @Property(tries = 500, shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void sameBytes_asTheMappersDocument(@ForAll("documents") List<CommunityProfile> profiles,
      @ForAll("texts") String standard, @ForAll("texts") String travel) throws IOException {
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    ProfilesJson.write(standard, travel, profiles, direct);
    // Compared as ISO-8859-1 text: one char per byte, so that bytes that are not UTF-8 show.
    String expected = new String(throughTheMapper(standard, travel, profiles),
        StandardCharsets.ISO_8859_1);
    String actual = direct.toString(StandardCharsets.ISO_8859_1);
    int at = 0;
    while (at < Math.min(expected.length(), actual.length())
        && expected.charAt(at) == actual.charAt(at)) {
      at++;
    }
    int from = Math.max(0, at - 80);
    assertEquals(visible(expected.substring(from, Math.min(expected.length(), at + 40))),
        visible(actual.substring(from, Math.min(actual.length(), at + 40))), "from char " + from);
    assertEquals(expected, actual);
    Statistics.label("profiles").collect(profiles.size());
    Statistics.label("has").collect(expected.contains("\\u") ? "escapes" : "none");
    Statistics.label("has").coverage(c -> c.check("escapes").percentage(p -> p > 30));
    Statistics.label("profiles").coverage(c -> c.check(2).percentage(p -> p > 10));
  }
}
