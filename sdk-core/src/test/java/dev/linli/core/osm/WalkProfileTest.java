package dev.linli.core.osm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WalkProfileTest {
  private static final WalkProfile BUNDLED = WalkProfile.bundled();

  /** Tags as {@code k=v;k=v}. */
  private static Map<String, String> tags(String text) {
    Map<String, String> out = new HashMap<>();
    if (text != null) {
      for (String pair : text.split(";")) {
        String[] kv = pair.split("=", 2);
        out.put(kv[0], kv[1]);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} closed={1} -> {2}")
  @CsvSource({
      "highway=footway, false, BOTH_WAYS",
      "highway=residential, false, BOTH_WAYS",
      "highway=steps, false, BOTH_WAYS",
      "highway=primary, false, BOTH_WAYS",
      "highway=motorway, false, NO",
      "highway=trunk, false, NO",
      "highway=cycleway, false, NO",
      "highway=cycleway;foot=yes, false, BOTH_WAYS",
      "highway=motorway;foot=designated, false, BOTH_WAYS",
      "highway=footway;foot=no, false, NO",
      "highway=service;access=private, false, NO",
      "highway=service;access=no, false, NO",
      "highway=service;access=private;foot=permissive, false, BOTH_WAYS",
      "highway=service;access=destination, false, BOTH_WAYS",
      "highway=residential;oneway=yes, false, BOTH_WAYS",
      "highway=residential;oneway=-1, false, BOTH_WAYS",
      "highway=footway;oneway:foot=yes, false, FORWARD",
      "highway=footway;oneway:foot=1, false, FORWARD",
      "highway=footway;oneway:foot=-1, false, BACKWARD",
      "highway=footway;oneway:foot=no;oneway=yes, false, BOTH_WAYS",
      "highway=pedestrian;area=yes, true, BOTH_WAYS",
      "highway=pedestrian;area=yes;oneway:foot=yes, true, BOTH_WAYS",
      "highway=pedestrian;area=yes, false, NO",
      "highway=service;area=yes, true, NO",
      "highway=pedestrian, true, BOTH_WAYS",
      "building=yes, true, NO",
      "foot=yes, false, NO",
  })
  void walk_perTagCase(String tags, boolean closed, WalkProfile.Walk expected) {
    assertEquals(expected, BUNDLED.walk(tags(tags), closed));
  }

  @ParameterizedTest(name = "{0} -> blocks={1}")
  @CsvSource({
      "barrier=fence, true",
      "barrier=wall, true",
      "barrier=gate, false",
      "barrier=bollard, false",
      "barrier=kerb, false",
      "barrier=gate;access=private, true",
      "barrier=gate;access=private;foot=yes, false",
      "barrier=fence;foot=yes, false",
      "barrier=bollard;foot=no, true",
      "access=private, false",
      "highway=crossing, false",
  })
  void blocks_perNodeCase(String tags, boolean expected) {
    assertEquals(expected, BUNDLED.blocks(tags(tags)));
  }

  @Test
  void bundled_roundTripsThroughItsDocument() {
    assertEquals(BUNDLED, WalkProfile.parse(stream(BUNDLED.toJson()), "p.json"));
  }

  @Test
  void parse_refusesUnknownFieldsAndRepeatedKeysAndValues_withLineAndPath() {
    String unknown = BUNDLED.toJson().replace("\"id\"", "\"ramps\" : true,\n  \"id\"");
    Problem p = only(assertThrows(DataFormatException.class,
        () -> WalkProfile.parse(stream(unknown), "mine.json")));
    assertEquals("mine.json", p.source());
    assertTrue(p.line() > 1 && p.path().contains("ramps"), p.toString());

    String twice = BUNDLED.toJson().replace("\"id\"", "\"footDenied\" : [ \"no\" ],\n  \"id\"");
    assertTrue(assertThrows(DataFormatException.class,
        () -> WalkProfile.parse(stream(twice), "mine.json")).getMessage()
        .contains("footDenied"));

    String repeated = BUNDLED.toJson().replace("\"steps\"", "\"footway\"");
    String m = assertThrows(DataFormatException.class,
        () -> WalkProfile.parse(stream(repeated), "mine.json")).getMessage();
    assertTrue(m.contains("walkableHighways") && m.contains("listed twice"), m);

    String missing = BUNDLED.toJson().replaceAll("\"blockingBarriers\" : \\[[^]]*\\],?", "");
    assertThrows(DataFormatException.class, () -> WalkProfile.parse(stream(missing), "m.json"));

    String wrongFormat = BUNDLED.toJson().replace(WalkProfile.FORMAT, "linli-osm-poi-mapping");
    assertTrue(assertThrows(DataFormatException.class,
        () -> WalkProfile.parse(stream(wrongFormat), "m.json")).getMessage()
        .contains("$.format"));
  }

  @Test
  void footValueBothAllowedAndDenied_isRefused() {
    assertThrows(dev.linli.core.InvalidValueException.class, () -> new WalkProfile("p",
        java.util.List.of("footway"), java.util.List.of(), java.util.List.of("yes"),
        java.util.List.of("yes"), java.util.List.of(), java.util.List.of(),
        java.util.List.of()));
  }

  private static Problem only(DataFormatException e) {
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
