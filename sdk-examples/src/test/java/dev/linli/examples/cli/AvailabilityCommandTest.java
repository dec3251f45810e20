package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code linli booking availability} on the bundled centre after its sample requests (plus two that
 * fill the gym at 09:00): the listed starts are exactly those {@code booking run} accepts when the
 * same script is followed by a request at that start, and the grid starts left out are refused.
 */
class AvailabilityCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private Path config;
  private Path requests;

  @BeforeEach
  void centre() throws IOException {
    config = copy("booking-config.json");
    requests = copy("booking-requests.jsonl");
    // The clock ends at 2026-12-05T07:20; two more gym bookings fill its 2 seats 09:00-10:00.
    Files.writeString(requests, Files.readString(requests, StandardCharsets.UTF_8)
        + create("f1", "jf-gym", "r-wang", "hh-118", "2026-12-05T09:00", "2026-12-05T10:00")
        + create("f2", "jf-gym", "r-li", "hh-302", "2026-12-05T09:00", "2026-12-05T10:00"),
        StandardCharsets.UTF_8);
  }

  private Path copy(String name) throws IOException {
    return SeedSample.copy(dir, name);
  }

  private static String create(String id, String resource, String resident, String household,
      String start, String end) {
    return "{\"op\": \"create\", \"id\": \"" + id + "\", \"resource\": \"" + resource
        + "\", \"resident\": \"" + resident + "\", \"household\": \"" + household
        + "\", \"start\": \"" + start + "\", \"end\": \"" + end + "\"}\n";
  }

  private LinliCommandTest.Run availability(String... more) {
    List<String> args = new ArrayList<>(List.of("booking", "availability", "--config",
        config.toString(), "--requests", requests.toString()));
    args.addAll(List.of(more));
    return LinliCommandTest.run(args.toArray(String[]::new));
  }

  /** The decision {@code booking run} gives a request appended to the same script. */
  private String runDecision(String resource, LocalDateTime start, LocalDateTime end)
      throws IOException {
    Path script = dir.resolve("probe.jsonl");
    Files.writeString(script, Files.readString(requests, StandardCharsets.UTF_8)
        + create("probe", resource, "r-chen", "hh-201", start.toString(), end.toString()),
        StandardCharsets.UTF_8);
    Path out = dir.resolve("probe-out.jsonl");
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "run", "--config",
        config.toString(), "--requests", script.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    return JSON.readTree(lines.get(lines.size() - 1)).get("decision").asText();
  }

  @Test
  void gym_listsExactlyTheStartsBookingRunAccepts_withSeatsLeft() throws IOException {
    LinliCommandTest.Run r = availability("--resource", "jf-gym", "--from", "2026-12-05T06:00",
        "--to", "2026-12-05T12:00", "--duration", "PT1H", "--resident", "r-chen", "--household",
        "hh-201");
    assertEquals(0, r.code(), r.err());
    Map<LocalDateTime, JsonNode> listed = new LinkedHashMap<>();
    for (String line : r.out().split("\n")) {
      JsonNode n = JSON.readTree(line);
      assertEquals(List.of("start", "end", "seatsLeft"), fieldNames(n), line);
      listed.put(LocalDateTime.parse(n.get("start").asText()), n);
    }
    // 07:20 now: 06:00-07:00 are past; 08:30-09:30 meet the full 09:00-10:00; b1 holds a seat
    // until 08:00.
    assertEquals("{\"start\":\"2026-12-05T07:30\",\"end\":\"2026-12-05T08:30\",\"seatsLeft\":1}",
        r.out().split("\n")[0]);
    assertEquals(List.of("07:30", "08:00", "10:00", "10:30", "11:00"), listed.keySet().stream()
        .map(t -> t.toLocalTime().toString()).toList());
    assertEquals(2, listed.get(LocalDateTime.parse("2026-12-05T10:00")).get("seatsLeft").asInt());
    int omitted = 0;
    for (LocalDateTime s = LocalDateTime.parse("2026-12-05T06:00");
        !s.plusHours(1).isAfter(LocalDateTime.parse("2026-12-05T12:00")); s = s.plusMinutes(30)) {
      String decision = runDecision("jf-gym", s, s.plusHours(1));
      assertEquals(listed.containsKey(s) ? "accepted" : "rejected", decision, "at " + s);
      omitted += listed.containsKey(s) ? 0 : 1;
    }
    assertEquals(6, omitted);
  }

  @Test
  void group_eachLineNamesItsResource_andBookingRunAgrees() throws IOException {
    LinliCommandTest.Run r = availability("--resource", "half-courts", "--from",
        "2026-12-05T09:00", "--to", "2026-12-05T11:00", "--duration", "PT30M", "--resident",
        "r-chen", "--household", "hh-201");
    assertEquals(0, r.code(), r.err());
    List<String> seen = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      JsonNode n = JSON.readTree(line);
      assertEquals(List.of("resource", "start", "end", "seatsLeft"), fieldNames(n), line);
      seen.add(n.get("resource").asText() + " " + n.get("start").asText().substring(11));
    }
    // b2 takes the whole court, so both halves, 09:00-10:00 (b3 on half A was refused for it).
    assertEquals(List.of("jf-court-a 10:00", "jf-court-b 10:00", "jf-court-a 10:30",
        "jf-court-b 10:30"), seen);
    for (String half : List.of("jf-court-a", "jf-court-b")) {
      for (LocalDateTime s = LocalDateTime.parse("2026-12-05T09:00");
          s.isBefore(LocalDateTime.parse("2026-12-05T11:00")); s = s.plusMinutes(30)) {
        boolean listed = seen.contains(half + " " + s.toLocalTime());
        assertEquals(listed ? "accepted" : "rejected", runDecision(half, s, s.plusMinutes(30)),
            half + " at " + s);
      }
    }
  }

  @Test
  void groupOption_answersEveryMember_asResourceNamingTheGroupDoes() {
    String[] rest = {"--from", "2026-12-05T09:00", "--to", "2026-12-05T11:00", "--duration",
        "PT30M", "--resident", "r-chen", "--household", "hh-201"};
    List<String> byGroup = new ArrayList<>(List.of("--group", "half-courts"));
    byGroup.addAll(List.of(rest));
    LinliCommandTest.Run g = availability(byGroup.toArray(String[]::new));
    List<String> byResource = new ArrayList<>(List.of("--resource", "half-courts"));
    byResource.addAll(List.of(rest));
    LinliCommandTest.Run r = availability(byResource.toArray(String[]::new));
    assertEquals(0, g.code(), g.err());
    assertEquals(r.out(), g.out());
    assertEquals("{\"resource\":\"jf-court-a\",\"start\":\"2026-12-05T10:00\",\"end\":"
        + "\"2026-12-05T10:30\",\"seatsLeft\":1}", g.out().split("\n")[0]);
    assertEquals(4, g.out().split("\n").length);
  }

  @Test
  void groupOption_takesOnlyAGroup_andExactlyOneOfResourceAndGroup() {
    String[] period = {"--from", "2026-12-05T06:00", "--to", "2026-12-05T12:00", "--duration",
        "PT1H"};
    assertBad("--group = jf-gym: must be a group [half-courts, meeting-rooms] of the config;"
        + " jf-gym is a resource: use --resource", "--group", "jf-gym", period[0], period[1],
        period[2], period[3], period[4], period[5]);
    assertBad("--group = pool: must be a group [half-courts, meeting-rooms] of the config",
        "--group", "pool", period[0], period[1], period[2], period[3], period[4], period[5]);
    LinliCommandTest.Run both = availability("--resource", "jf-gym", "--group", "half-courts",
        period[0], period[1], period[2], period[3], period[4], period[5]);
    assertEquals(2, both.code(), both.out() + both.err());
    assertTrue(both.err().contains("--resource jf-gym and --group half-courts: give one of them,"
        + " not both"), both.err());
    LinliCommandTest.Run neither = availability(period);
    assertEquals(2, neither.code(), neither.out() + neither.err());
    assertTrue(neither.err().contains("give --resource ID or --group ID"), neither.err());
    assertEquals("", both.out() + neither.out());
  }

  @Test
  void withoutRequests_theConfigAloneAtStart() {
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "availability", "--config",
        config.toString(), "--resource", "jf-gym", "--from", "2026-12-05T21:00", "--to",
        "2026-12-05T23:00", "--duration", "PT30M", "--seats", "2");
    assertEquals(0, r.code(), r.err());
    assertEquals("{\"start\":\"2026-12-05T21:00\",\"end\":\"2026-12-05T21:30\",\"seatsLeft\":2}\n"
        + "{\"start\":\"2026-12-05T21:30\",\"end\":\"2026-12-05T22:00\",\"seatsLeft\":2}\n",
        r.out());
  }

  @Test
  void badOptions_areRefusedWithTheOptionAndWhatIsAllowed() {
    String[] period = {"--from", "2026-12-05T06:00", "--to", "2026-12-05T12:00"};
    assertBad("--resource = jf-pool: must be a resource [jf-gym, jf-court, jf-court-a,"
        + " jf-court-b, jf-room-1, jf-room-2, jf-stage, jf-studio, jf-banquet] or a group"
        + " [half-courts, meeting-rooms]"
        + " of the config", "--resource", "jf-pool", period[0], period[1], period[2], period[3],
        "--duration", "PT1H");
    assertBad("--to = 2026-12-05T05:00: must be after --from 2026-12-05T06:00", "--resource",
        "jf-gym", "--from", "2026-12-05T06:00", "--to", "2026-12-05T05:00", "--duration",
        "PT1H");
    assertBad("--duration = 1h: must be", "--resource", "jf-gym", period[0], period[1],
        period[2], period[3], "--duration", "1h");
    assertBad("--duration = PT45M: must be a whole number of jf-gym's 30-minute slots, such as"
        + " PT30M", "--resource", "jf-gym", period[0], period[1], period[2], period[3],
        "--duration", "PT45M");
    assertBad("--seats = 0: must be >= 1", "--resource", "jf-gym", period[0], period[1],
        period[2], period[3], "--duration", "PT1H", "--seats", "0");
    assertBad("--household = null: --resident and --household go together", "--resource",
        "jf-gym", period[0], period[1], period[2], period[3], "--duration", "PT1H",
        "--resident", "r-chen");
  }

  private void assertBad(String message, String... options) {
    LinliCommandTest.Run r = availability(options);
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().contains("linli availability: " + message), r.err());
    assertEquals("", r.out());
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
