package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookingSeriesCommandsTest {
  @TempDir Path dir;

  @Test
  void expand_printsOneLocalDateTimePerLine() {
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "expand", "--rrule",
        "FREQ=MONTHLY;BYDAY=-1FR", "--dtstart", "2026-01-30T19:00", "--zone", "Asia/Shanghai",
        "--count", "3");
    assertEquals(0, r.code(), r.err());
    assertEquals("2026-01-30T19:00\n2026-02-27T19:00\n2026-03-27T19:00\n", r.out());
    LinliCommandTest.Run bad = LinliCommandTest.run("booking", "expand", "--rrule",
        "FREQ=HOURLY", "--dtstart", "2026-01-30T19:00");
    assertEquals(2, bad.code());
    assertEquals("linli expand: FREQ = HOURLY: must be DAILY, WEEKLY, MONTHLY or YEARLY\n",
        bad.err());
  }

  @Test
  void expand_aFiniteRuleRunsToItsEnd_notToTheTenYearHorizon() {
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "expand", "--rrule",
        "FREQ=YEARLY;COUNT=5", "--dtstart", "2024-02-29T09:00");
    assertEquals(0, r.code(), r.err());
    assertEquals("2024-02-29T09:00\n2028-02-29T09:00\n2032-02-29T09:00\n2036-02-29T09:00\n"
        + "2040-02-29T09:00\n", r.out());
    assertEquals("", r.err(), "nothing was cut");
  }

  @Test
  void expand_anUnboundedRuleStopsAtTheHorizon_andSaysSo() {
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "expand", "--rrule",
        "FREQ=YEARLY", "--dtstart", "2024-02-29T09:00");
    assertEquals(0, r.code(), r.err());
    assertEquals("2024-02-29T09:00\n2028-02-29T09:00\n2032-02-29T09:00\n", r.out());
    assertEquals("linli expand: the rule has no COUNT or UNTIL; stopped before 2034-02-28T09:00,"
        + " 10 years after DTSTART (use --until or --count to go further)\n", r.err());
    LinliCommandTest.Run counted = LinliCommandTest.run("booking", "expand", "--rrule",
        "FREQ=YEARLY", "--dtstart", "2024-02-29T09:00", "--count", "4");
    assertEquals("2024-02-29T09:00\n2028-02-29T09:00\n2032-02-29T09:00\n2036-02-29T09:00\n",
        counted.out(), "--count bounds the rule, so the horizon does not cut it");
    assertEquals("", counted.err());
  }

  @Test
  void expand_floatingUntil_isReadInTheZone() {
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "expand", "--rrule",
        "FREQ=DAILY;UNTIL=20261203T190000", "--dtstart", "2026-12-01T19:00", "--zone",
        "Asia/Shanghai");
    assertEquals(0, r.code(), r.err());
    assertEquals("2026-12-01T19:00\n2026-12-02T19:00\n2026-12-03T19:00\n", r.out());
  }

  @Test
  void expand_refusesWhatWouldPrintNothing_namingThePart() {
    String[][] cases = {
        {"FREQ=WEEKLY;BYMONTHDAY=3", "BYMONTHDAY"},
        {"FREQ=DAILY;COUNT=0", "COUNT"},
        {"FREQ=MONTHLY;BYDAY=9MO", "BYDAY"},
        {"FREQ=DAILY;UNTIL=20200101T000000Z", "UNTIL"}};
    for (String[] c : cases) {
      LinliCommandTest.Run r = LinliCommandTest.run("booking", "expand", "--rrule", c[0],
          "--dtstart", "2026-12-01T09:00");
      assertEquals(2, r.code(), c[0] + ": " + r.out() + r.err());
      assertEquals("", r.out());
      assertTrue(r.err().startsWith("linli expand: " + c[1] + " = "), r.err());
    }
    LinliCommandTest.Run zero = LinliCommandTest.run("booking", "expand", "--rrule", "FREQ=DAILY",
        "--dtstart", "2026-12-01T09:00", "--count", "0");
    assertEquals(2, zero.code());
    assertTrue(zero.err().startsWith("linli expand: --count = 0: must be >= 1"), zero.err());
  }

  @Test
  void ics_exportsTheScriptsBookingsAndSeries() throws IOException {
    Path config = dir.resolve("config.json");
    try (InputStream in = getClass().getResourceAsStream(
        "/sample/hangzhou-seed/booking-config.json")) {
      Files.copy(in, config);
    }
    Path requests = dir.resolve("requests.jsonl");
    Files.writeString(requests, """
        {"op": "create", "id": "b1", "resource": "jf-gym", "resident": "r-chen", "household": "hh-201", "start": "2026-12-05T07:00", "end": "2026-12-05T08:00"}
        {"op": "series", "id": "dance", "resource": "jf-room-2", "resident": "r-wang", "household": "hh-118", "rrule": "FREQ=WEEKLY;BYDAY=TU;COUNT=4", "start": "2026-12-08T19:00", "length": "PT2H"}
        """, StandardCharsets.UTF_8);
    Path ics = dir.resolve("centre.ics");
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "ics", "--config", config.toString(),
        "--requests", requests.toString(), "--out", ics.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("5 bookings and 1 series written"), r.out());
    String text = Files.readString(ics, StandardCharsets.UTF_8).replace("\r\n ", "");
    assertTrue(text.contains("UID:b1@linli.dev"));
    assertTrue(text.contains("RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=TU"));
    assertEquals(2, text.split("BEGIN:VEVENT", -1).length - 1);
  }

  @Test
  void lottery_isReproducibleFromTheFilesAndSeed() throws IOException {
    Path ballot = dir.resolve("ballot.json");
    Files.writeString(ballot, "{\"format\": \"linli-ballot\", \"version\": 1, \"ballotId\": "
        + "\"stage-0101\", \"places\": 2}", StandardCharsets.UTF_8);
    Path entries = dir.resolve("entries.jsonl");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      lines.append("{\"resident\": \"r").append(i).append("\", \"household\": \"h")
          .append(i % 4).append("\", \"recentWins\": ").append(i % 2).append("}\n");
    }
    Files.writeString(entries, lines, StandardCharsets.UTF_8);
    LinliCommandTest.Run a = LinliCommandTest.run("booking", "lottery", "--config",
        ballot.toString(), "--requests", entries.toString(), "--seed", "20270101");
    LinliCommandTest.Run b = LinliCommandTest.run("booking", "lottery", "--config",
        ballot.toString(), "--requests", entries.toString(), "--seed", "20270101");
    assertEquals(0, a.code(), a.err());
    assertEquals(a.out(), b.out());
    JsonNode draw = new ObjectMapper().readTree(a.out());
    assertEquals(2, draw.get("winners").size());
    assertEquals("sha256-efraimidis-spirakis-v1", draw.get("algorithm").asText());
  }
}
