package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.points.Ledger;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import dev.linli.points.journal.DurableLedger;
import dev.linli.points.journal.JournalLockedException;
import dev.linli.points.journal.JournalOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} during {@code linli points simulate}, in a separate JVM, with background snapshots
 * every 5,000 records (so kills also land around snapshots): after the kill the
 * journal verifies, and the recovered ledger holds exactly the transfers of the same seeded run up
 * to some operation at or after the last one the process acknowledged, never part of an operation.
 */
class PointsKillTest {
  private static final long SEED = 20261125L;
  private static final long OPS = 5_000_000L;

  @TempDir Path dir;

  /** Kills land at different moments: just after an acknowledgement, and well past the last one. */
  @ParameterizedTest
  @ValueSource(ints = {0, 7, 40})
  void killMinus9_duringSimulate_everyAcknowledgedTransferSurvives_nothingHalfApplied(
      int millisAfterTheLastRead) throws IOException, InterruptedException {
    Path journal = dir.resolve("journal");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LinliCommand.class.getName(), "points", "simulate", "--seed", String.valueOf(SEED),
        "--ops", String.valueOf(OPS), "--journal", journal.toString(), "--durability",
        "FSYNC_EVERY_N_MS", "--snapshot-every", "5000", "--progress", "97")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long ackedOps = 0;
    long ackedTransfers = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        String[] parts = line.split(" ");
        if (parts.length == 3 && parts[0].equals("acknowledged")) {
          ackedOps = Long.parseLong(parts[1]);
          ackedTransfers = Long.parseLong(parts[2]);
        }
        if ((ackedOps >= 30_000 && hasSnapshot(journal)) || System.nanoTime() > deadline) {
          break;
        }
      }
      // The OS file lock keeps a second writer out, from another process too.
      JournalLockedException locked = assertThrows(JournalLockedException.class,
          () -> DurableLedger.open(journal, JournalOptions.defaults()));
      assertTrue(locked.getMessage().contains("already open for writing"), locked.getMessage());
      // The child keeps writing (its stdout pipe has room for far more lines than it prints in
      // this time), so the kill falls at an arbitrary point of a write.
      Thread.sleep(millisAfterTheLastRead);
      p.destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hook, no close, no flush
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    }
    assertTrue(ackedOps > 0, "the simulation acknowledged something before the kill");
    assertTrue(hasSnapshot(journal), "a background snapshot before the kill");
    assertTrue(p.exitValue() != 0, "it was killed, not finished");

    LinliCommandTest.Run verify = LinliCommandTest.run("points", "verify", journal.toString());
    // A kill in the middle of a write leaves a torn last record: exit 3, never 1.
    assertTrue(verify.code() == 0 || verify.code() == PointsCommand.EXIT_DAMAGED_END,
        verify.code() + ": " + verify.err());

    Ledger recovered = DurableLedger.readOnly(journal);
    int n = recovered.transferCount();
    assertTrue(n >= ackedTransfers, n + " recovered, " + ackedTransfers + " acknowledged");

    // Replay the same seed in memory, noting the transfer count after each operation.
    StepClock clock = PointsSimulation.clock();
    Ledger expected = Ledger.builder().clock(clock).zone(PointsSimulation.ZONE)
        .expireLots("points", PointsSimulation.LIFETIME, PointsSimulation.SINK).build();
    PointsSimulation sim = new PointsSimulation(SEED, clock);
    sim.open(expected, PointsSimulation.members(OPS));
    Set<Integer> operationBoundaries = new HashSet<>(List.of(0));
    while (expected.transferCount() < n) {
      sim.step(expected);
      operationBoundaries.add(expected.transferCount());
    }
    assertTrue(operationBoundaries.contains(n), "the journal ends between two operations");
    assertEquals(new ArrayList<>(expected.transfers().subList(0, n)), recovered.transfers());
    assertEquals(Map.of("points", 0L), recovered.sumOfBalances());

    // Reopening for writing removes any torn tail and carries on.
    try (DurableLedger d = DurableLedger.open(journal, JournalOptions.defaults())) {
      assertEquals(n, d.ledger().transferCount());
      assertEquals(TransferResult.OK, d.ledger().submit(TransferRequest.of("after-the-crash",
          "pool", "M0000", 10, "elderly-care")));
    }
    LinliCommandTest.Run again = LinliCommandTest.run("points", "verify", journal.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(!again.err().contains("damaged end"), again.err());
  }

  private static boolean hasSnapshot(Path journal) throws IOException {
    if (!Files.isDirectory(journal)) {
      return false;
    }
    try (Stream<Path> files = Files.list(journal)) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".snap"));
    }
  }
}
