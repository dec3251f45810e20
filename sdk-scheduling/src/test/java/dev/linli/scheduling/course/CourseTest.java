package dev.linli.scheduling.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.scheduling.engine.BookingEngine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The class contract on an engine in memory, and the class document's reader. */
class CourseTest extends CourseContract {
  @Override
  BookingEngine.Builder emptyStore(BookingEngine.Builder builder) {
    return builder;
  }

  private static ClassOffering parse(String json) {
    return ClassOffering.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        "class.json");
  }

  @Test
  void parse_readsTheDocumentedExample() {
    ClassOffering o = parse("{\"format\": \"linli-class\", \"version\": 1, \"id\": \"xh-jazz-26w\","
        + " \"name\": {\"zh\": \"周末爵士舞班\", \"en\": \"Weekend jazz dance\"}, \"instructorId\":"
        + " \"t-zhou\", \"resourceId\": \"xh-ground\", \"places\": 20, \"seatsPerPlace\": 1,"
        + " \"length\": \"PT1H30M\", \"sessions\": [\"2026-12-05T09:00\", \"2026-12-12T09:00\"]}");
    assertEquals(Duration.ofMinutes(90), o.length());
    assertEquals(2, o.sessions().size());
    assertEquals("Weekend jazz dance", o.name().en());
  }

  @Test
  void parse_refusesUnknownFieldsAndBadValues_namingThePath() {
    DataFormatException x = assertThrows(DataFormatException.class, () -> parse("{\"format\":"
        + " \"linli-class\", \"version\": 1, \"id\": \"c\", \"name\": {\"zh\": \"班\", \"en\":"
        + " \"C\"}, \"instructorId\": \"t\", \"resourceId\": \"g\", \"places\": 0,"
        + " \"seatsPerPlace\": 1, \"length\": \"PT1H\", \"sessions\": [\"2026-12-05T09:00\"]}"));
    assertTrue(x.getMessage().contains("places") && x.getMessage().contains("must be >= 1"),
        x.getMessage());
    DataFormatException y = assertThrows(DataFormatException.class, () -> parse("{\"format\":"
        + " \"linli-class\", \"version\": 1, \"id\": \"c\", \"name\": {\"zh\": \"班\", \"en\":"
        + " \"C\"}, \"instructorId\": \"t\", \"resourceId\": \"g\", \"places\": 3, \"teacher\":"
        + " \"x\", \"seatsPerPlace\": 1, \"length\": \"PT1H\", \"sessions\": [\"2026-12-05T09:00\"]}"));
    assertTrue(y.getMessage().contains("teacher"), y.getMessage());
    DataFormatException z = assertThrows(DataFormatException.class, () -> parse("{\"format\":"
        + " \"linli-class\", \"version\": 1, \"id\": \"c\", \"name\": {\"zh\": \"班\", \"en\":"
        + " \"C\"}, \"instructorId\": \"t\", \"resourceId\": \"g\", \"places\": 3,"
        + " \"seatsPerPlace\": 1, \"length\": \"PT1H\", \"sessions\": [\"2026-12-12T09:00\","
        + " \"2026-12-05T09:00\"]}"));
    assertTrue(z.getMessage().contains("sessions[1]"), z.getMessage());
  }
}
