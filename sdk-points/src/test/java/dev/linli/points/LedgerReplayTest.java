package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.MutableClock;
import dev.linli.points.internal.LedgerAccess;
import dev.linli.points.internal.LedgerEvent;
import dev.linli.points.internal.RecordingSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Replaying a ledger's emitted events into a fresh ledger reproduces its state exactly. */
class LedgerReplayTest {

  /** Everything observable about a ledger's state, for comparison. */
  static Map<String, Object> stateOf(Ledger ledger, List<String> holdIds) {
    Map<String, Object> out = new TreeMap<>();
    out.put("transfers", ledger.transfers());
    out.put("accounts", ledger.accounts());
    for (Account a : ledger.accounts()) {
      out.put("balance " + a.id(), ledger.balance(a.id()));
      out.put("lots " + a.id(), ledger.lots(a.id()));
      out.put("pending " + a.id(), ledger.pendingHolds(a.id()));
    }
    for (String id : holdIds) {
      out.put("hold " + id, ledger.findHold(id));
    }
    return out;
  }

  static Ledger replay(List<LedgerEvent> events, MutableClock clock) {
    Ledger copy = Ledger.builder().clock(clock)
        .expireLots("points", LedgerWorkload.LIFETIME, "expired").build();
    for (LedgerEvent e : events) {
      LedgerAccess.get().replay(copy, e);
    }
    return copy;
  }

  @Property(tries = 25)
  void replay_randomWorkload_sameState(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400)
      int steps) {
    RecordingSink recorder = new RecordingSink();
    LedgerWorkload w = new LedgerWorkload(seed, 12,
        ledger -> LedgerAccess.get().attach(ledger, recorder));
    for (int i = 0; i < steps; i++) {
      w.step();
    }
    // The replica's clock stands at the original's, so queries that expire holds agree.
    Ledger copy = replay(recorder.events, MutableClock.at(w.clock.instant().toString()));
    List<String> holds = new ArrayList<>();
    for (LedgerEvent e : recorder.events) {
      if (e instanceof LedgerEvent.HoldPlaced p) {
        holds.add(p.hold().id());
      }
    }
    Map<String, Object> original = stateOf(w.ledger, holds);
    // Reading the original may expire holds (and record that); the copy must agree afterwards too.
    assertEquals(original, stateOf(copy, holds));
    // And what the reads recorded replays to the same state: nothing changed unrecorded.
    Ledger again = replay(recorder.events, MutableClock.at(w.clock.instant().toString()));
    assertEquals(stateOf(w.ledger, holds), stateOf(again, holds));
  }

  @Test
  void replay_seededMillionOperationStyleRun_sameTransfersAndLots() {
    RecordingSink recorder = new RecordingSink();
    LedgerWorkload w = new LedgerWorkload(7, 40,
        ledger -> LedgerAccess.get().attach(ledger, recorder));
    for (int i = 0; i < 20_000; i++) {
      w.step();
    }
    Ledger copy = replay(recorder.events, MutableClock.at(w.clock.instant().toString()));
    assertEquals(w.ledger.transfers(), copy.transfers());
    for (String m : w.members) {
      assertEquals(w.ledger.lots(m), copy.lots(m));
      assertEquals(w.ledger.balance(m), copy.balance(m));
    }
  }

  @Test
  void replay_eventThatDoesNotApply_throws() {
    Ledger ledger = Ledger.create(MutableClock.at("2026-01-01T00:00:00Z"));
    Transfer t = new Transfer("t1", "a", "b", 5, "points", "gift", "", null, null,
        Instant.parse("2026-01-01T00:00:00Z"));
    assertThrows(IllegalStateException.class, () -> LedgerAccess.get().replay(ledger,
        new LedgerEvent.TransfersApplied(t.timestamp(), List.of(t))));
  }
}
