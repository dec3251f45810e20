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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BookingCommandTest {
  @TempDir Path dir;

  private Path copy(String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/sample/hangzhou-seed/" + name)) {
      Files.copy(in, p);
    }
    return p;
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
