package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void aLongRun_printsItsStepOnStandardError_aShortOneNothing() throws InterruptedException {
    StringWriter quiet = new StringWriter();
    try (Progress p = new Progress(new PrintWriter(quiet), Duration.ofSeconds(3),
        Duration.ofSeconds(5))) {
      p.step("reading communities.csv");
    }
    assertEquals("", quiet.toString());
    StringWriter err = new StringWriter();
    PrintWriter w = new PrintWriter(err);
    try (Progress p = new Progress(w, Duration.ofMillis(1), Duration.ofMillis(20))) {
      p.step("scoring 100000 communities against 3000000 facilities");
      // Up to 5 s on a loaded machine; one line is enough.
      for (int i = 0; i < 250 && !text(err, w).contains("scoring"); i++) {
        Thread.sleep(20);
      }
    }
    String line = text(err, w).lines().filter(l -> l.contains("scoring")).findFirst().orElse("");
    assertTrue(line.matches("linli: scoring 100000 communities against 3000000 facilities … \\d+ s, "
        + "\\d+ MB of \\d+ MB heap in use"), text(err, w));
  }

  private static String text(StringWriter err, PrintWriter w) {
    synchronized (w) {
      return err.toString();
    }
  }
}
