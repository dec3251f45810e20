package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
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

  @Test
  void aTrace_timesEveryStepAndMark_fromTheLaunch() {
    StringWriter trace = new StringWriter();
    StringWriter err = new StringWriter();
    try (Progress p = new Progress(new PrintWriter(err), Duration.ofSeconds(30),
        Duration.ofSeconds(30), new PrintWriter(trace))) {
      p.step("reading communities.csv");
      p.mark("wrote scores.csv");
    }
    List<String> lines = trace.toString().lines().toList();
    assertEquals(3, lines.size(), trace.toString());
    assertTrue(lines.get(0).matches("linli: trace +\\d+ ms options parsed"), lines.get(0));
    assertTrue(lines.get(1).matches("linli: trace +\\d+ ms reading communities.csv"), lines.get(1));
    assertTrue(lines.get(2).matches("linli: trace +\\d+ ms wrote scores.csv"), lines.get(2));
    assertEquals("", err.toString(), "the progress line itself stays quiet");
  }

  private static String text(StringWriter err, PrintWriter w) {
    synchronized (w) {
      return err.toString();
    }
  }
}
