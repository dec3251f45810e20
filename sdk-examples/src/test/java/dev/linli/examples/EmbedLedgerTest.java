package dev.linli.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedLedgerTest {
  @TempDir Path dir;

  private String run() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      EmbedLedger.run(dir.resolve("points"), out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void firstRun_awardsRedeemsRetriesSurvivesARestart_andVerifies() throws Exception {
    String out = run();
    assertTrue(out.contains("service starts: new journal"), out);
    assertTrue(out.contains("award 2 h meal delivery to v-chen: POSTED, transfers"
        + " [award-0214-chen.points, award-0214-chen.minutes]"), out);
    assertTrue(out.contains("v-chen redeems a canteen lunch: PAID, transfers [lunch-0214-chen]"), out);
    assertTrue(out.contains("the app retries the award after a timeout: POSTED before,"
        + " nothing new, transfers [award-0214-chen.points, award-0214-chen.minutes]"), out);
    assertTrue(out.contains("200 awards from 8 threads: 200 new, 0 retries"), out);
    // 2 h x 100 points x 1.5 = 300, minus a 120-point lunch.
    assertTrue(out.contains("v-chen: 180 points; sum of all balances {points=0, service-minutes=0}"),
        out);
    assertTrue(out.contains("v-chen after the restart: 180 points (unchanged)"), out);
    assertTrue(out.contains("offline verification against the signed checkpoint: intact"), out);
  }

  @Test
  void secondRunOnTheSameJournal_replaysIt_andPaysNothingTwice() throws Exception {
    run();
    String again = run();
    assertTrue(again.matches(
        "(?s)service starts: \\d+ records \\(0 from a snapshot, \\d+ replayed\\).*"), again);
    assertTrue(again.contains("award 2 h meal delivery to v-chen: POSTED before, nothing"
        + " new, transfers [award-0214-chen.points, award-0214-chen.minutes]"), again);
    assertTrue(again.contains("200 awards from 8 threads: 0 new, 200 retries"), again);
    assertTrue(again.contains("v-chen after the restart: 180 points (unchanged)"), again);
    assertTrue(again.contains("intact"), again);
  }
}
