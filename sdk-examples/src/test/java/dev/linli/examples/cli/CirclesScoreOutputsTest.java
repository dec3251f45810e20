package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytes {@code circles score} writes for a generated city, pinned by digest: work on the speed
 * of reading, scoring and writing (issue 22) must leave every output byte-identical. The digests
 * are those main wrote before that work (at 6a16778), from CSV and from GeoJSON inputs alike. A
 * deliberate change of an output format updates them and says so in CHANGELOG.md.
 */
class CirclesScoreOutputsTest {
  private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("scores.csv", "09dbaf9588be707a6e2e569911c179230ef6e0472c1450c6d1196b956301dfcf");
    EXPECTED.put("profiles.json",
        "53639fb603e3ed7f25d545fed0db3d6ebf57234f0186989151e6da8e65aa4897");
    EXPECTED.put("gaps.csv", "a7bca21d7ea0fb1f835b73c19077de0bd44209c3068cce9f20f95a42b20de1a3");
    EXPECTED.put("communities.geojson",
        "c2baec710e91386c5cd5c2bc5209337a8d2ef66d5dafca078e21137afd16cdef");
    EXPECTED.put("map.svg", "467c794c48dadf9a616adad5eff2d3c4b06e4886e482d8f5dff57e0398710bcb");
    EXPECTED.put("histogram.svg",
        "a7c3e1af24670180567c2f95e61787c2ba4932a3cd07dd4a5533a840420c42a8");
  }

  @Test
  void score_writesTheSameBytesAsBefore_fromCsvAndFromGeoJson(@TempDir Path dir) throws Exception {
    Path city = dir.resolve("city");
    assertEquals(0, LinliCommandTest.run("city", "generate", "--seed", "7", "--communities",
        "300", "--facilities", "8000", "--out", city.toString()).code());
    for (String format : new String[] {"csv", "geojson"}) {
      Path out = dir.resolve("out-" + format);
      LinliCommandTest.Run r = LinliCommandTest.run("circles", "score", "--communities",
          city.resolve("communities." + format).toString(), "--facilities",
          city.resolve("facilities." + format).toString(), "--out", out.toString());
      assertEquals(0, r.code(), r.err());
      Map<String, String> actual = new LinkedHashMap<>();
      for (String name : EXPECTED.keySet()) {
        actual.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(Files.readAllBytes(out.resolve(name)))));
      }
      assertEquals(EXPECTED, actual, "outputs from " + format + " inputs");
    }
  }
}
