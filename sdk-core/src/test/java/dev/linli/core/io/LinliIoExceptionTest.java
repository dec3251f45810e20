package dev.linli.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.LinliIoException;
import dev.linli.core.city.City;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: no public method of sdk-core lets an UncheckedIOException escape. */
class LinliIoExceptionTest {
  @TempDir Path dir;

  @Test
  void missingFile_isALinliIoException_namingTheFile() {
    Path missing = dir.resolve("missing.csv");
    LinliIoException e = assertThrows(LinliIoException.class,
        () -> CityCsv.of(ReadOptions.strict()).readCommunities(missing));
    assertEquals(missing.toString(), e.file());
    assertEquals(missing + ": no such file", e.getMessage());
    assertEquals("io", e.code());
    assertThrows(LinliIoException.class, () -> LinliJson.strict().readCity(missing));
  }

  @Test
  void writingIntoADirectory_isALinliIoException() throws IOException {
    Path target = Files.createDirectory(dir.resolve("city.geojson"));
    LinliIoException e = assertThrows(LinliIoException.class,
        () -> CityGeoJson.of(ReadOptions.strict()).writeCommunities(City.EMPTY, target));
    assertTrue(e.getMessage().startsWith(target + ": "), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
  }

  @Test
  void failingStream_isALinliIoException() {
    OutputStream broken = new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("disk full");
      }
    };
    LinliIoException e = assertThrows(LinliIoException.class,
        () -> CityGeoJson.of(ReadOptions.strict()).writeCommunities(City.EMPTY, broken));
    assertEquals("the output: cannot be written: disk full", e.getMessage());
  }
}
