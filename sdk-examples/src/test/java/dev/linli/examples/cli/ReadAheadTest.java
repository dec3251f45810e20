package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadAheadTest {
  private static Path city(Path dir) {
    Path city = dir.resolve("city");
    assertEquals(0, LinliCommandTest.run("city", "generate", "--seed", "5", "--communities", "40",
        "--facilities", "900", "--out", city.toString()).code());
    return city;
  }

  @Test
  void value_findsTheOptionInEitherSpelling_andNothingWhenRepeatedOrAfterTheEnd() {
    String[] args = {"circles", "score", "--communities", "c.csv", "--facilities=f.csv", "--out",
        "o"};
    assertEquals("c.csv", ReadAhead.value(args, "--communities"));
    assertEquals("f.csv", ReadAhead.value(args, "--facilities"));
    assertNull(ReadAhead.value(args, "--network"));
    assertNull(ReadAhead.value(new String[] {"--communities", "a", "--communities", "b"},
        "--communities"), "picocli refuses a repeated option; nothing is read ahead");
    assertNull(ReadAhead.value(new String[] {"--", "--communities", "a"}, "--communities"));
    assertNull(ReadAhead.value(new String[] {"--communities"}, "--communities"));
  }

  @Test
  void readsInputs_onlyForTheCommandsThatReadACityFirst() {
    assertTrue(ReadAhead.readsInputs("circles", "score", "--communities", "c"));
    assertTrue(ReadAhead.readsInputs("circles", "site", "--communities", "c"));
    assertTrue(ReadAhead.readsInputs("report", "--communities", "c"));
    assertFalse(ReadAhead.readsInputs("city", "generate", "--communities", "50"));
    assertFalse(ReadAhead.readsInputs("circles", "isochrones", "--communities", "c"));
    assertFalse(ReadAhead.readsInputs("circles"));
    assertFalse(ReadAhead.readsInputs("circles", "score", "@more-arguments.txt"),
        "an argument file is picocli's to expand");
  }

  @Test
  void start_readsBothFilesBeforeAnyoneAsks_andHandsThemOnlyForTheSamePath(@TempDir Path dir)
      throws IOException {
    Path city = city(dir);
    Path c = city.resolve("communities.csv");
    Path f = city.resolve("facilities.csv");
    City expectedCity = CirclesCommand.Inputs.readCommunities(c);
    List<Facility> expectedFacilities = CirclesCommand.Inputs.readFacilities(f);
    ReadAhead ahead = ReadAhead.start("circles", "score", "--communities", c.toString(),
        "--facilities=" + f, "--out", dir.resolve("out").toString());
    assertEquals(List.of(c, f), ahead.paths());
    assertNull(ahead.communities(city.resolve("communities.geojson")));
    // Read ahead: taking them after the files are gone still gives what they held.
    City read = ahead.communities(c);
    List<Facility> facilities = ahead.facilities(f);
    Files.delete(c);
    Files.delete(f);
    assertEquals(expectedCity.communities(), read.communities());
    assertEquals(expectedFacilities, facilities);
    assertSame(read, ahead.communities(c), "read once");
  }

  @Test
  void start_readsNothing_forMissingFilesDirectoriesOrOtherCommands(@TempDir Path dir) {
    assertSame(ReadAhead.NONE, ReadAhead.start("circles", "score", "--communities",
        dir.resolve("missing.csv").toString()));
    assertSame(ReadAhead.NONE, ReadAhead.start("circles", "score", "--communities",
        dir.toString()));
    assertSame(ReadAhead.NONE, ReadAhead.start("city", "generate", "--communities", "50"));
    assertSame(ReadAhead.NONE, ReadAhead.start());
  }

  @Test
  void aFileThatFailsToRead_failsTheCommandWithTheSameProblems(@TempDir Path dir)
      throws IOException {
    Path bad = dir.resolve("communities.csv");
    Files.writeString(bad, "id,name\nx,y\n", StandardCharsets.UTF_8);
    DataFormatException direct = assertThrows(DataFormatException.class,
        () -> CirclesCommand.Inputs.readCommunities(bad));
    ReadAhead ahead = ReadAhead.start("circles", "score", "--communities", bad.toString());
    DataFormatException taken = assertThrows(DataFormatException.class,
        () -> ahead.communities(bad));
    assertEquals(direct.problems(), taken.problems());
  }

  @Test
  void inputs_takeTheFilesReadAhead(@TempDir Path dir) throws IOException {
    Path city = city(dir);
    CirclesCommand.Inputs inputs = new CirclesCommand.Inputs();
    inputs.communities = city.resolve("communities.csv");
    inputs.facilities = city.resolve("facilities.csv");
    inputs.readAhead = ReadAhead.start("circles", "score", "--communities",
        inputs.communities.toString(), "--facilities", inputs.facilities.toString());
    inputs.readAhead.communities(inputs.communities); // wait until it has them
    inputs.readAhead.facilities(inputs.facilities);
    Files.delete(inputs.communities);
    Files.delete(inputs.facilities);
    City joined = inputs.city(new PrintWriter(new StringWriter()));
    assertEquals(40, joined.communities().size());
    assertEquals(900, joined.facilities().size());
  }
}
