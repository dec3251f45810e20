package dev.linli.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookingRulesFromJsonTest {
  @Test
  void theAppTeamExample_decidesFromJson_booksASeries_andExportsIcs(@TempDir Path dir)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Path ics = dir.resolve("centre.ics");
    BookingRulesFromJson.run(ics, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals("app-1 jf-gym: accepted (CONFIRMED)", lines.get(0));
    assertEquals("app-2 jf-court: accepted (CONFIRMED)", lines.get(1));
    assertTrue(lines.get(2).startsWith("app-3 jf-court-a: rejected conflict — "), lines.get(2));
    assertTrue(lines.get(3).startsWith("app-4 jf-stage: rejected not-resident — "), lines.get(3));
    assertEquals("series dance-tue: accepted, 8 occurrences booked", lines.get(5));
    assertEquals("wrote centre.ics: 10 bookings, 1 series", lines.get(6));
    String text = Files.readString(ics, StandardCharsets.UTF_8);
    assertTrue(text.contains("RRULE:FREQ=WEEKLY;COUNT=8;BYDAY=TU"));
    assertTrue(text.contains("UID:app-1@linli.dev"));
  }
}
