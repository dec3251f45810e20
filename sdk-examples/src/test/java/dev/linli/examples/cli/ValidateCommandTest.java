package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code linli validate} on every {@code linli-*} document kind and JSON-lines file. */
class ValidateCommandTest {
  @TempDir Path dir;

  private Path copy(String resource, String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      Files.copy(in, p);
    }
    return p;
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/sample/hangzhou-seed/city.json|17 communities in 14 subdistricts and 6 districts, 27 facilities",
      "/sample/hangzhou-seed/earning-rules.json|earning rules, 100 points per hour",
      "/sample/hangzhou-seed/member-limits.json|member limits",
      "/sample/hangzhou-seed/catalogue.json|catalogue, 3 items",
      "/sample/hangzhou-seed/jingfang-centre-rules.json|booking rules, 4 rules",
      "/sample/hangzhou-seed/booking-config.json|booking config, 7 resources, 3 rule sets, 3 residents",
      "/sample/hangzhou-seed/booking-requests.jsonl|14 booking requests",
      "/dev/linli/core/facility/hangzhou-taxonomy.json|8 categories, 24 facility types",
      "/dev/linli/core/circle/gb50180-2018.json|circle standard gb50180-2018-hangzhou, 3 levels, 20 required types",
      "/dev/linli/core/circle/index-weights.json|index weights linli-default-2026"})
  void bundledDocument_isValid_andSaysWhatItIs(String resource, String what) throws IOException {
    Path file = copy(resource, resource.substring(resource.lastIndexOf('/') + 1));
    LinliCommandTest.Run r = LinliCommandTest.run("validate", file.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(file + ": ok, " + what, r.out().strip());
  }

  @Test
  void ballotAndEntries_areValid_evenWithAByteOrderMark() throws IOException {
    Path ballot = write("ballot.json",
        "\uFEFF{\"format\": \"linli-ballot\", \"version\": 1, \"ballotId\": \"stage-0101\", \"places\": 3}");
    Path entries = write("entries.jsonl", "\uFEFF{\"resident\": \"r-1\", \"household\": \"h-1\"}\n\n"
        + "{\"resident\": \"r-2\", \"household\": \"h-1\", \"recentWins\": 2}\n");
    LinliCommandTest.Run r = LinliCommandTest.run("validate", ballot.toString(),
        entries.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(ballot + ": ok, ballot stage-0101, 3 places\n" + entries
        + ": ok, 2 ballot entries", r.out().strip());
  }

  @Test
  void badEarningRules_reportFileLineAndField_exitTwo() throws IOException {
    Path file = write("earning-rules.json", "{\"format\": \"linli-earning-rules\",\n"
        + " \"version\": 1,\n \"pointsPerHour\": 100,\n \"defaultCoefficient\": \"1.0\",\n"
        + " \"maxPerActivity\": \"PT2H\",\n \"rounding\": \"CEILING\"}\n");
    LinliCommandTest.Run r = LinliCommandTest.run("validate", file.toString());
    assertEquals(2, r.code());
    assertEquals("earning-rules.json:6: $.rounding: must be DOWN, HALF_UP or UP (got CEILING)",
        r.err().strip());
  }

  @Test
  void badRuleInsideBookingConfig_reportsItsLineAndFullPath() throws IOException {
    Path file = write("config.json", "{\"format\": \"linli-booking-config\", \"version\": 1,\n"
        + " \"resources\": [{\"id\": \"gym\", \"name\": {\"en\": \"Gym\"}}],\n"
        + " \"rules\": {\"gym\": {\"format\": \"linli-booking-rules\", \"version\": 1,\n"
        + "   \"rules\": [{\"type\": \"active-bookings\", \"max\": 2},\n"
        + "             {\"type\": \"quota\", \"scope\": \"RESIDENT\", \"period\": \"WEEK\",\n"
        + "              \"maxBookings\": 0}]}}}\n");
    LinliCommandTest.Run r = LinliCommandTest.run("validate", file.toString());
    assertEquals(2, r.code());
    assertEquals("config.json:6: $.rules.gym.rules[1].maxBookings: must be >= 1 (got 0)",
        r.err().strip());
  }

  @Test
  void badBookingRules_reportEveryProblemWithItsLine() throws IOException {
    Path file = write("rules.json", "{\"format\": \"linli-booking-rules\", \"version\": 1,\n"
        + " \"rules\": [\n  {\"type\": \"duration\", \"min\": \"PT30M\", \"max\": \"PT2H\"},\n"
        + "  {\"type\": \"curfew\"},\n  {\"type\": \"active-bookings\", \"max\": 2, \"colour\": 1}]}\n");
    LinliCommandTest.Run r = LinliCommandTest.run("validate", file.toString());
    assertEquals(2, r.code());
    String[] lines = r.err().strip().split("\n");
    assertEquals(2, lines.length, r.err());
    assertTrue(lines[0].startsWith("rules.json:4: $.rules[1].type: must be one of "), lines[0]);
    assertTrue(lines[1].startsWith("rules.json:5: $.rules[2].colour: unknown field"), lines[1]);
  }

  @Test
  void badRequestLines_reportLineAndField_nothingElse() throws IOException {
    Path file = write("requests.jsonl", "{\"op\": \"create\", \"id\": \"b1\", \"resource\": \"gym\", "
        + "\"resident\": \"r\", \"household\": \"h\", \"start\": \"2026-12-05T07:00\", "
        + "\"end\": \"2026-12-05T08:00\"}\n"
        + "{\"op\": \"create\", \"id\": \"b2\", \"resource\": \"gym\", \"resident\": \"r\", "
        + "\"household\": \"h\", \"start\": \"2026-12-05 07:00\", \"end\": \"2026-12-05T08:00\"}\n"
        + "\n{\"op\": \"delete\", \"id\": \"b1\"}\n");
    LinliCommandTest.Run r = LinliCommandTest.run("validate", file.toString());
    assertEquals(2, r.code());
    String[] lines = r.err().strip().split("\n");
    assertEquals(2, lines.length, r.err());
    assertEquals(file + ":2: $.start: must be a local date-time such as 2026-12-05T09:00 (got "
        + "2026-12-05 07:00)", lines[0]);
    assertTrue(lines[1].startsWith(file + ":4: $.op: must be one of [advance, approve, cancel,"),
        lines[1]);
  }

  @Test
  void badBallotEntries_reportLineAndField() throws IOException {
    Path file = write("entries.jsonl", "{\"resident\": \"r-1\", \"household\": \"h-1\"}\n"
        + "{\"resident\": \"r-2\", \"household\": \"h 2\", \"recentWins\": -1}\n"
        + "{\"resident\": \"r-1\", \"household\": \"h-3\"}\n");
    LinliCommandTest.Run r = LinliCommandTest.run("validate", file.toString());
    assertEquals(2, r.code());
    String[] lines = r.err().strip().split("\n");
    assertEquals(3, lines.length, r.err());
    assertTrue(lines[0].startsWith(file + ":2: $.household: must be an id"), lines[0]);
    assertEquals(file + ":2: $.recentWins: must be a whole number from 0 to 2147483647 (got -1)",
        lines[1]);
    assertEquals(file + ":3: $.resident: each resident enters a ballot once; already entered on "
        + "line 1 (got r-1)", lines[2]);
  }

  @Test
  void badBallot_reportsTheFieldsLine() throws IOException {
    Path file = write("ballot.json", "{\"format\": \"linli-ballot\", \"version\": 1,\n"
        + " \"ballotId\": \"stage-0101\",\n \"places\": -1,\n \"seed\": 4}\n");
    LinliCommandTest.Run r = LinliCommandTest.run("validate", file.toString());
    assertEquals(2, r.code());
    assertEquals("ballot.json:4: $.seed: unknown field; allowed are [ballotId, places]\n"
        + "ballot.json:3: $.places: must be a whole number from 0 to 2147483647 (got -1)",
        r.err().strip());
  }

  @Test
  void unknownFormat_namesEveryKindItReads() throws IOException {
    Path file = write("x.json", "{\"format\": \"linli-citty\", \"version\": 1}");
    LinliCommandTest.Run r = LinliCommandTest.run("validate", file.toString());
    assertEquals(2, r.code());
    for (String kind : ValidateCommand.FORMATS) {
      assertTrue(r.err().contains(kind), kind + " missing from " + r.err());
    }
    assertEquals(11, ValidateCommand.FORMATS.size());
  }

  @Test
  void oneBadFileAmongGoodOnes_exitTwo_theGoodOnesStillSayOk() throws IOException {
    Path good = copy("/sample/hangzhou-seed/member-limits.json", "limits.json");
    Path bad = write("limits-bad.json", "{\"format\": \"linli-member-limits\", \"version\": 1, "
        + "\"balanceCap\": -1}");
    LinliCommandTest.Run r = LinliCommandTest.run("validate", good.toString(), bad.toString());
    assertEquals(2, r.code());
    assertEquals(good + ": ok, member limits", r.out().strip());
    assertEquals("limits-bad.json:1: $.balanceCap: must be >= 0 (0 means no cap) (got -1)",
        r.err().strip());
  }
}
