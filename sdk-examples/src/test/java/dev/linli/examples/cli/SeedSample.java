package dev.linli.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tests only: the bundled Hangzhou sample files, copied out where a command can read them. */
final class SeedSample {
  private SeedSample() {}

  /** Copies the sample file {@code name} into {@code dir} and returns its path there. */
  static Path copy(Path dir, String name) throws IOException {
    Path p = dir.resolve(name);
    try (InputStream in = SeedSample.class.getResourceAsStream("/sample/hangzhou-seed/" + name)) {
      Files.copy(in, p);
    }
    return p;
  }
}
