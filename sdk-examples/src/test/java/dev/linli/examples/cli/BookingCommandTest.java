package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookingCommandTest {
  @TempDir Path dir;

  private Path copy(String name) throws IOException {
    return SeedSample.copy(dir, name);
  }

  @Test
  void run_writesOneDecisionPerRequest_withReasonsInBothLanguages() throws IOException {
    Path config = copy("booking-config.json");
    Path requests = copy("booking-requests.jsonl");
    Path out = dir.resolve("decisions.jsonl");
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "run", "--config", config.toString(),
        "--requests", requests.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("14 requests: 7 accepted, 3 rejected"), r.out());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      lines.add(json.readTree(line));
    }
    assertEquals(14, lines.size());
    assertEquals("accepted", lines.get(0).get("decision").asText());
    JsonNode halfCourt = lines.get(2);
    assertEquals("rejected", halfCourt.get("decision").asText());
    assertEquals("conflict", halfCourt.at("/reasons/0/code").asText());
    assertTrue(halfCourt.at("/reasons/0/messageZh").asText().contains("占用同一场地"));
    assertEquals("PENDING_APPROVAL", lines.get(3).get("status").asText());
    assertEquals("not-resident", lines.get(4).at("/reasons/0/code").asText());
    assertEquals("CONFIRMED", lines.get(5).get("status").asText());
    assertEquals("accepted", lines.get(7).get("decision").asText(), "a change");
    assertEquals("too-late", lines.get(9).at("/reasons/0/code").asText(), "cancel within 24 h");
    assertEquals("CHECKED_IN", lines.get(11).get("status").asText());
    assertEquals(0, lines.get(13).get("released").size(), "b1 checked in, so no no-show");
  }

  @Test
  void badRequestLines_stopTheRunBeforeAnythingIsApplied() throws IOException {
    Path config = copy("booking-config.json");
    Path requests = dir.resolve("bad.jsonl");
    Files.writeString(requests, """
        {"op": "create", "id": "b1", "resource": "jf-gym", "resident": "r", "household": "h", "start": "2026-12-05T07:00", "end": "2026-12-05T08:00"}
        {"op": "book", "id": "b2"}
        {"op": "create", "id": "b3", "resource": "jf-gym", "resident": "r", "household": "h", "start": "tomorrow", "end": "2026-12-05T08:00"}
        """, StandardCharsets.UTF_8);
    Path out = dir.resolve("decisions.jsonl");
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "run", "--config", config.toString(),
        "--requests", requests.toString(), "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.jsonl:2: $.op: must be one of [advance, approve, cancel,"
        + " change, check-in, create, decline, release-no-shows, series] (got \"book\")"), r.err());
    assertTrue(r.err().contains("bad.jsonl:3: $.start: must be a local date-time such as"
        + " 2026-12-05T09:00 (got tomorrow)"), r.err());
    assertTrue(Files.notExists(out), "nothing was applied or written");
  }

  @Test
  void numbersAsIds_orTextAsFlags_areRefusedWithLineAndField() throws IOException {
    Path config = copy("booking-config.json");
    Path requests = dir.resolve("types.jsonl");
    Files.writeString(requests, """
        {"op": "create", "id": 5, "resource": "jf-gym", "resident": "r", "household": "h", "start": "2026-12-05T07:00", "end": "2026-12-05T08:00"}
        {"op": "cancel", "id": "b1", "actor": 7}
        {"op": "create", "id": "b3", "resource": "jf-gym", "resident": "r", "household": "h", "start": "2026-12-05T07:00", "end": "2026-12-05T08:00", "group": null}
        {"op": "series", "id": "s1", "resource": "jf-gym", "resident": "r", "household": "h", "rrule": "FREQ=WEEKLY;COUNT=2", "start": "2026-12-05T07:00", "length": "PT1H", "skipHolidays": "false"}
        """, StandardCharsets.UTF_8);
    Path out = dir.resolve("decisions.jsonl");
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "run", "--config", config.toString(),
        "--requests", requests.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("types.jsonl:1: $.id: must be a string (got 5)"), r.err());
    assertTrue(r.err().contains("types.jsonl:2: $.actor: must be a string (got 7)"), r.err());
    assertTrue(r.err().contains("types.jsonl:3: $.group: must be a string (got null)"), r.err());
    assertTrue(r.err().contains("types.jsonl:4: $.skipHolidays: must be true or false"
        + " (got \"false\")"), r.err());
    assertTrue(Files.notExists(out), "nothing was applied or written");
  }

  @Test
  void advance_mayNotMoveTheClockBackwards() throws IOException {
    Path config = copy("booking-config.json");
    Path requests = dir.resolve("back.jsonl");
    Files.writeString(requests, """
        {"op": "advance", "to": "2026-12-03T09:00"}
        {"op": "advance", "by": "PT1H"}
        {"op": "advance", "to": "2026-12-03T09:30"}
        {"op": "advance", "by": "-PT5M"}
        {"op": "advance", "by": "PT0S"}
        """, StandardCharsets.UTF_8);
    Path out = dir.resolve("decisions.jsonl");
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "run", "--config", config.toString(),
        "--requests", requests.toString(), "--out", out.toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("back.jsonl:3: $.to: must not move the clock backwards; it is"
        + " 2026-12-03T10:00 here (got 2026-12-03T09:30)"), r.err());
    // a negative duration is refused by its form already (durations carry no sign)
    assertTrue(r.err().contains("back.jsonl:4: $.by: must be an ISO-8601 duration in upper case"
        + " without a sign"), r.err());
    assertTrue(!r.err().contains("back.jsonl:5"), "standing still is allowed: " + r.err());
    assertTrue(Files.notExists(out), "nothing was applied or written");
    Files.writeString(requests, "{\"op\": \"advance\", \"to\": \"2026-11-30T08:00\"}\n",
        StandardCharsets.UTF_8);
    LinliCommandTest.Run before = LinliCommandTest.run("booking", "run", "--config",
        config.toString(), "--requests", requests.toString(), "--out", out.toString());
    assertEquals(2, before.code(), "before --start (2026-12-01T08:00)");
  }

  @Test
  void aMalformedConfig_isReportedWithFileAndLine() throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(config, """
        {"format": "linli-booking-config", "version": 1,
         "resources": [{"id": "jf-gym", "name": {"zh": "健身房", "en": "Gym"}}]
         "rules": {}}
        """, StandardCharsets.UTF_8);
    Path requests = dir.resolve("r.jsonl");
    Files.writeString(requests, "", StandardCharsets.UTF_8);
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "run", "--config", config.toString(),
        "--requests", requests.toString(), "--out", dir.resolve("o.jsonl").toString());
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains(config + ":3: $: malformed JSON: "), r.err());
  }

  @Test
  void aTimeInADaylightSavingGap_orAHorizonOutOfRange_isRefusedNotMoved() throws IOException {
    Path config = copy("booking-config.json");
    Path requests = dir.resolve("gap.jsonl");
    Files.writeString(requests, """
        {"op": "create", "id": "b1", "resource": "jf-gym", "resident": "r", "household": "h", "start": "2027-03-28T01:00", "end": "2027-03-28T02:00"}
        {"op": "series", "id": "s1", "resource": "jf-gym", "resident": "r", "household": "h", "rrule": "FREQ=WEEKLY", "start": "2027-01-05T10:00", "length": "PT1H", "horizonDays": -1}
        {"op": "series", "id": "s2", "resource": "jf-gym", "resident": "r", "household": "h", "rrule": "FREQ=WEEKLY", "start": "2027-01-05T10:00", "length": "PT1H", "horizonDays": 3650000}
        """, StandardCharsets.UTF_8);
    Path out = dir.resolve("decisions.jsonl");
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "run", "--config", config.toString(),
        "--requests", requests.toString(), "--out", out.toString(), "--zone", "Europe/London");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("gap.jsonl:1: $.start: does not exist in Europe/London: clocks"
        + " jump from 01:00 to 02:00 on 2027-03-28"), r.err());
    assertTrue(r.err().contains("gap.jsonl:2: $.horizonDays: must be a whole number of days from 1"
        + " to 3660 (got -1)"), r.err());
    assertTrue(r.err().contains("gap.jsonl:3: $.horizonDays: must be a whole number of days from 1"
        + " to 3660 (got 3650000)"), r.err());
    assertTrue(Files.notExists(out), "nothing was applied or written");
  }
}
