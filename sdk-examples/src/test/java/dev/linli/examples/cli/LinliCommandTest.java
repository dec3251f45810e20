package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinliCommandTest {
  /** What one run of the tool printed and returned. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LinliCommand.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "city --help", "city generate --help", "validate --help"})
  void everyCommand_hasHelp(String args) {
    Run r = run(args.split(" "));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Usage: linli"), r.out());
  }

  @Test
  void outOfMemory_namesTheHeapItHad_andSuggestsTwiceAsMuch() {
    String big = LinliCommand.outOfMemory(14_000L << 20);
    assertTrue(big.contains("may use 14000 MB") && big.contains("-Xmx28g bin/linli")
        && big.contains("java -Xmx28g -jar"), big);
    assertTrue(LinliCommand.outOfMemory(256L << 20).contains("-Xmx2g"),
        "at least 2 GB: " + LinliCommand.outOfMemory(256L << 20));
    assertTrue(LinliCommand.outOfMemory(4L << 30).contains("-Xmx8g"));
  }

  @Test
  void aRunOfOneSubcommand_buildsOnlyThatOne_helpAndTyposSeeThemAll() {
    assertEquals(java.util.List.of(CirclesCommand.class),
        LinliCommand.subcommandsFor("circles", "score", "--communities", "c.csv"));
    assertEquals(java.util.List.of(ReportCommand.class), LinliCommand.subcommandsFor("report"));
    for (String[] args : new String[][] {{}, {"help", "circles"}, {"--help"}, {"circels"},
        {"--version"}}) {
      assertEquals(9, LinliCommand.subcommandsFor(args).size(), String.join(" ", args));
    }
    Run usage = run("--help");
    assertTrue(usage.out().matches("(?s).*Commands:\\s+help.*demo.*city.*circles.*calendar"
        + ".*booking.*points.*validate.*report.*"), usage.out());
    Run help = run("help", "circles");
    assertEquals(0, help.code(), help.err());
    assertTrue(help.out().startsWith("Usage: linli circles"), help.out());
    Run typo = run("circels");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("circles"), typo.err());
  }

  @Test
  void aCirclesRun_buildsOnlyItsSubcommand_helpAndTyposSeeAllThree() {
    assertEquals(java.util.List.of(CirclesCommand.Score.class),
        LinliCommand.circlesSubcommandsFor("circles", "score", "--communities", "c.csv"));
    assertEquals(java.util.List.of(CirclesCommand.Draw.class),
        LinliCommand.circlesSubcommandsFor("circles", "isochrones"));
    for (String[] args : new String[][] {{}, {"circles"}, {"circles", "--help"},
        {"help", "circles"}, {"circles", "scroe"}, {"report", "score"}}) {
      assertEquals(3, LinliCommand.circlesSubcommandsFor(args).size(), String.join(" ", args));
    }
    for (String[] args : new String[][] {{"circles", "--help"}, {"help", "circles"}}) {
      Run usage = run(args);
      assertEquals(0, usage.code(), usage.err());
      assertTrue(usage.out().matches("(?s).*Commands:\\s+score.*site.*isochrones.*"),
          usage.out());
    }
    Run typo = run("circles", "scroe");
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("score") && typo.err().contains("isochrones"), typo.err());
    Run site = run("circles", "site", "--help");
    assertEquals(0, site.code(), site.err());
    assertTrue(site.out().contains("--objective"), site.out());
  }

  @Test
  void generate_writesFourFiles_sameBytesForSameSeed(@TempDir Path dir) throws IOException {
    Run r = run("city", "generate", "--seed", "5", "--communities", "40", "--facilities", "900",
        "--out", dir.resolve("a").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("40 communities and 900 facilities"), r.out());
    run("city", "generate", "--seed", "5", "--communities", "40", "--facilities", "900",
        "--out", dir.resolve("b").toString());
    for (String f : new String[] {"communities.csv", "facilities.csv", "communities.geojson",
        "facilities.geojson"}) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)),
          Files.readAllBytes(dir.resolve("b").resolve(f)), f);
    }
    Run v = run("validate", dir.resolve("a/communities.csv").toString(),
        dir.resolve("a/facilities.geojson").toString());
    assertEquals(0, v.code(), v.err());
    assertTrue(v.out().contains("facilities.geojson: ok, 900 facilities"), v.out());
  }

  @Test
  void generate_intoADirectoryHoldingDataFiles_refusesWithoutForce(@TempDir Path dir)
      throws IOException {
    Path survey = dir.resolve("survey");
    Files.createDirectories(survey);
    Files.writeString(survey.resolve("facilities.csv"), "id,type,name_zh,lat,lon\n");
    Files.writeString(survey.resolve("notes.txt"), "not data");
    Run r = run("city", "generate", "--communities", "3", "--facilities", "5", "--out",
        survey.toString());
    assertEquals(2, r.code(), r.out());
    assertEquals("linli generate: --out = " + survey + ": holds data files (facilities.csv);"
        + " choose an empty directory, or add --force to write the generated city next to them"
        + " (replacing files of the same name)\n", r.err());
    assertEquals("id,type,name_zh,lat,lon\n", Files.readString(survey.resolve("facilities.csv")),
        "nothing was overwritten");
    Run forced = run("city", "generate", "--communities", "3", "--facilities", "5", "--out",
        survey.toString(), "--force");
    assertEquals(0, forced.code(), forced.err());
    Path notes = dir.resolve("notes");
    Files.createDirectories(notes);
    Files.writeString(notes.resolve("readme.txt"), "x");
    assertEquals(0, run("city", "generate", "--communities", "3", "--facilities", "5", "--out",
        notes.toString()).code(), "other files are no reason to refuse");
  }

  @Test
  void csvForExcel_startsWithAByteOrderMark_whenAskedFor_andReadsBack(@TempDir Path dir)
      throws IOException {
    Path city = dir.resolve("city");
    assertEquals(0, run("city", "generate", "--communities", "12", "--facilities", "200", "--bom",
        "--out", city.toString()).code());
    Path plain = dir.resolve("plain");
    run("city", "generate", "--communities", "12", "--facilities", "200", "--out",
        plain.toString());
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    for (String f : new String[] {"communities.csv", "facilities.csv"}) {
      byte[] with = Files.readAllBytes(city.resolve(f));
      byte[] without = Files.readAllBytes(plain.resolve(f));
      assertArrayEquals(bom, java.util.Arrays.copyOf(with, 3), f);
      assertArrayEquals(without, java.util.Arrays.copyOfRange(with, 3, with.length), f);
    }
    Path out = dir.resolve("out");
    Run score = run("circles", "score", "--communities", city.resolve("communities.csv")
        .toString(), "--facilities", city.resolve("facilities.csv").toString(), "--bom", "--out",
        out.toString());
    assertEquals(0, score.code(), score.err());
    for (String f : new String[] {"scores.csv", "gaps.csv"}) {
      assertArrayEquals(bom, java.util.Arrays.copyOf(Files.readAllBytes(out.resolve(f)), 3), f);
    }
    assertTrue(Files.readString(out.resolve("scores.csv")).startsWith("\uFEFFcommunity_id,"));
  }

  @Test
  void generate_badSize_exitsTwoWithMessage(@TempDir Path dir) {
    Run r = run("city", "generate", "--communities", "0", "--out", dir.toString());
    assertEquals(2, r.code());
    assertEquals("linli generate: communities = 0: must be between 1 and 100000\n", r.err());
  }

  @Test
  void validate_reportsEveryProblemOnStderr(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("facilities.csv");
    Files.writeString(bad, "id,type,name_zh,lat,lon\nF1,public-gym,健身房,30.2,120.2\n"
        + "F2,casino,赌场,30.2,120.2\nF3,public-gym,,30.2,120.2\nF4,public-gym,x,95,120\n",
        StandardCharsets.UTF_8);
    Run r = run("validate", bad.toString());
    assertEquals(2, r.code());
    String[] lines = r.err().split("\n");
    assertEquals(3, lines.length, r.err());
    assertTrue(lines[0].startsWith("facilities.csv:3: type: must be a facility type of taxonomy "
        + "hangzhou-2023: [community-service-station,"), lines[0]);
    assertEquals("facilities.csv:4: name_zh: needs a Chinese or an English name, or both (got \"\")",
        lines[1]);
    assertEquals("facilities.csv:5: lat: must be a latitude in degrees between -90 and 90 "
        + "(got 95.0)", lines[2]);
  }

  @Test
  void validate_unknownFileKind_andMissingFile(@TempDir Path dir) throws IOException {
    Path notes = dir.resolve("notes.csv");
    Files.writeString(notes, "a,b\n1,2\n", StandardCharsets.UTF_8);
    Run r = run("validate", notes.toString(), dir.resolve("missing.json").toString());
    assertEquals(2, r.code());
    assertEquals("notes.csv: is not a file Linli reads; expected a CSV file whose header has "
        + "subdistrict_id (communities), type (facilities) or household_id (residents)\n"
        + dir.resolve("missing.json") + ": no such file\n", r.err());
  }

  @Test
  void unknownOption_exitsTwo() {
    Run r = run("city", "generate", "--out", "x", "--colour", "red");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("Unknown options: '--colour', 'red'"), r.err());
  }
}
