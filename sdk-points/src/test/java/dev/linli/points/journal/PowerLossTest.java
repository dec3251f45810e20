package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts at every write of a workload with lot-expiry sweeps, snapshots and segment rolls,
 * on a disk that keeps unforced bytes in a volatile page cache and tears them at the cut
 * ({@link PowerLossChannel}). Under {@code FSYNC_EVERY_BATCH} nothing acknowledged is lost, and the
 * recovered ledger is exactly the reference ledger after the last acknowledged operation or after
 * the one the cut interrupted: transfers, balances, lots, holds, accounts and their flags; the same
 * holds for cuts between steps. Under {@code FSYNC_EVERY_N_MS} what the last completed force
 * covered survives, and the recovered ledger is the reference's after a step in between.
 */
class PowerLossTest {
  private static final long SEED = 4242;
  private static final int STEPS = 160;
  private static final Period LIFETIME = Period.ofDays(3);

  @TempDir Path root;

  /**
   * A run until the power goes: the states after each finished step (and the clock then), and how
   * many finished.
   */
  private record Run(List<Map<String, Object>> states, List<Instant> clocks, int finished,
      JournalWorkload workload, long setUpWrites, long writes, long snapshots, long segments) {}

  private static Run run(Path dir, PowerLossChannel.Disk disk, boolean keepStates)
      throws IOException {
    return run(dir, disk, keepStates, JournalOptions.builder()
        .durability(Durability.FSYNC_EVERY_BATCH), -1);
  }

  private static Run run(Path dir, PowerLossChannel.Disk disk, boolean keepStates,
      JournalOptions.Builder journal) throws IOException {
    return run(dir, disk, keepStates, journal, -1);
  }

  /**
   * Runs the workload with {@code journal}'s durability on {@code disk}, telling the disk after
   * each step how many steps have returned; the power goes right after step {@code cutAfter}
   * returns (if not -1), when no write is in flight.
   */
  private static Run run(Path dir, PowerLossChannel.Disk disk, boolean keepStates,
      JournalOptions.Builder journal, int cutAfter) throws IOException {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    JournalWorkload w = new JournalWorkload(SEED, clock);
    List<Map<String, Object>> states = new ArrayList<>();
    List<Instant> clocks = new ArrayList<>();
    int finished = 0;
    long setUpWrites;
    long snapshots = 0;
    JournalOptions base = journal.build();
    DurableLedger d = DurableLedger.open(dir, JournalWorkload.options(clock, LIFETIME)
        .durability(base.durability()).flushInterval(base.flushInterval()).segmentBytes(4096)
        .opener(disk.opener()).build());
    try {
      w.setUp(d.ledger(), 6);
      // The accounts are the starting point every recovery must reach, whatever the durability.
      d.checkpoint();
      setUpWrites = disk.writes();
      if (keepStates) {
        states.add(JournalWorkload.state(d.ledger()));
        clocks.add(clock.instant());
      }
      for (int i = 0; i < STEPS; i++) {
        w.step(d.ledger());
        if (i % 40 == 39) {
          d.snapshot();
          snapshots++;
        }
        finished++;
        disk.stepsFinished = finished;
        if (finished == cutAfter) {
          disk.powerCut();
          return new Run(states, clocks, finished, w, -1, disk.writes(), snapshots, -1);
        }
        if (keepStates) {
          states.add(JournalWorkload.state(d.ledger()));
          clocks.add(clock.instant());
        }
      }
    } catch (JournalFailedException e) {
      assertTrue(disk.crashed(), e.getMessage());
      return new Run(states, clocks, finished, w, -1, disk.writes(), snapshots, -1);
    } finally {
      d.close();
      disk.settle();
    }
    return new Run(states, clocks, finished, w, setUpWrites, disk.writes(), snapshots,
        Segments.list(dir).size());
  }

  @Test
  void powerCutAtEveryWrite_fsyncEveryBatch_losesNothingAcknowledged_stateIsTheReferences()
      throws IOException {
    Run reference = run(root.resolve("reference"), new PowerLossChannel.Disk(Long.MAX_VALUE, 0),
        true);
    assertEquals(STEPS, reference.finished());
    assertTrue(reference.segments() >= 3, "segments rolled: " + reference.segments());
    assertTrue(reference.snapshots() >= 4, "snapshots taken: " + reference.snapshots());
    assertTrue(reference.workload().sweeps.stream().filter(s -> s.size() >= 2).count() >= 2,
        "multi-lot sweeps: " + reference.workload().sweeps);
    int cuts = 0;
    for (long at = reference.setUpWrites() + 1; at <= reference.writes(); at++) {
      Path dir = root.resolve("cut" + at);
      Run cut = run(dir, new PowerLossChannel.Disk(at, at), false);
      String what = "power cut at write " + at + " (during step " + cut.finished() + ")";
      try (DurableLedger d = DurableLedger.open(dir, dev.linli.points.Ledger.builder()
          .clock(MutableClock.at(cut.workload().clock.instant().toString())))) {
        Map<String, Object> recovered = JournalWorkload.state(d.ledger());
        for (String id : cut.workload().acknowledged) {
          assertTrue(d.ledger().find(id).isPresent(), what + ": acknowledged " + id + " lost");
        }
        Map<String, Object> before = reference.states().get(cut.finished());
        // (The cut may also fall after the last step, while closing.)
        Map<String, Object> after = reference.states().get(Math.min(cut.finished() + 1, STEPS));
        assertTrue(recovered.equals(before) || recovered.equals(after),
            what + ": the recovered ledger is neither the reference's before nor after the"
            + " interrupted step");
      }
      assertTrue(JournalVerifier.verify(dir).intact(), what);
      cuts++;
    }
    assertTrue(cuts >= 60, "cut at " + cuts + " writes");
  }

  /**
   * Under {@code FSYNC_EVERY_N_MS} (forced every millisecond, so forces fall all through the run)
   * a power cut loses at most what came after the last completed force: the recovered ledger is
   * the reference's after some step k, where k is at least the number of steps that had returned
   * when that force began and at most one past the steps that returned before the cut.
   */
  @Test
  void powerCutAtEveryWrite_fsyncEveryInterval_losesAtMostTheLastInterval() throws IOException {
    JournalOptions.Builder journal = JournalOptions.builder()
        .durability(Durability.FSYNC_EVERY_N_MS).flushInterval(Duration.ofMillis(1));
    Run reference = run(root.resolve("reference"), new PowerLossChannel.Disk(Long.MAX_VALUE, 0),
        true, journal);
    assertEquals(STEPS, reference.finished());
    int cuts = 0;
    int boundedBelow = 0;
    int lostAcknowledged = 0;
    int lostSteps = 0;
    long flusherForces = 0;
    for (long at = reference.setUpWrites() + 1; at <= reference.writes(); at++) {
      Path dir = root.resolve("interval" + at);
      PowerLossChannel.Disk disk = new PowerLossChannel.Disk(at, at);
      Run cut = run(dir, disk, false, journal);
      if (!disk.crashed()) {
        // The flusher batched writes differently this time: fewer writes than the cut point.
        continue;
      }
      int lowerBound = disk.forcedSteps();
      int upperBound = Math.min(cut.finished() + 1, STEPS);
      flusherForces += disk.flusherForces();
      String what = "power cut at write " + at + " (steps returned: " + cut.finished()
          + ", durable by the last force: " + lowerBound + ")";
      MutableClock clock = MutableClock.at(reference.clocks().get(lowerBound));
      int recoveredStep = -1;
      try (DurableLedger d = DurableLedger.open(dir, dev.linli.points.Ledger.builder()
          .clock(clock))) {
        // Ascending, as the clock may only move forward (reads expire due holds).
        for (int k = lowerBound; k <= upperBound && recoveredStep < 0; k++) {
          clock.set(reference.clocks().get(k));
          if (JournalWorkload.state(d.ledger()).equals(reference.states().get(k))) {
            recoveredStep = k;
          }
        }
        assertTrue(recoveredStep >= 0, what + ": the recovered ledger is not the reference's"
            + " after any step from " + lowerBound + " to " + upperBound);
        if (cut.workload().acknowledged.stream().anyMatch(id -> d.ledger().find(id).isEmpty())) {
          lostAcknowledged++;
        }
      }
      assertTrue(JournalVerifier.verify(dir).intact(), what);
      cuts++;
      if (lowerBound > 0) {
        boundedBelow++;
      }
      if (recoveredStep < cut.finished()) {
        lostSteps++;
      }
    }
    String reached = "cuts " + cuts + ", with a force before them " + boundedBelow
        + ", losing acknowledged transfers " + lostAcknowledged + ", losing returned steps "
        + lostSteps + ", flusher forces " + flusherForces;
    System.out.println("powerCutAtEveryWrite_fsyncEveryInterval: " + reached);
    assertTrue(cuts >= 60, reached);
    assertTrue(boundedBelow >= cuts / 2, reached);
    assertTrue(lostAcknowledged >= 5, reached);
    assertTrue(flusherForces >= cuts / 2, reached);
  }

  /**
   * A power cut between operations under {@code FSYNC_EVERY_BATCH}, when no write is in flight
   * (which cuts at writes never reach): every step that returned is on disk, exactly.
   */
  @Test
  void powerCutBetweenSteps_fsyncEveryBatch_recoversEveryReturnedStep() throws IOException {
    Run reference = run(root.resolve("reference"), new PowerLossChannel.Disk(Long.MAX_VALUE, 0),
        true);
    int cuts = 0;
    for (int after = 1; after <= STEPS; after += 3) {
      Path dir = root.resolve("between" + after);
      Run cut = run(dir, new PowerLossChannel.Disk(Long.MAX_VALUE, after), false,
          JournalOptions.builder().durability(Durability.FSYNC_EVERY_BATCH), after);
      assertEquals(after, cut.finished());
      MutableClock clock = MutableClock.at(reference.clocks().get(after));
      try (DurableLedger d = DurableLedger.open(dir, dev.linli.points.Ledger.builder()
          .clock(clock))) {
        assertEquals(reference.states().get(after), JournalWorkload.state(d.ledger()),
            "power cut after step " + after);
      }
      cuts++;
    }
    assertTrue(cuts >= 50, "cuts " + cuts);
  }
}
