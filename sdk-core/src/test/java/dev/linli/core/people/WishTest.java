package dev.linli.core.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linli.core.InvalidValueException;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class WishTest {
  private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

  private static Wish posted() {
    return Wish.post("W1", "C1", "R1", "GW1", "修窗户 fix my window", "repair", 20, "pool-1", T0);
  }

  @Test
  void happyPath_requestedClaimedFulfilled() {
    Wish w = posted().claim("V1", T0.plusSeconds(60)).fulfil(T0.plusSeconds(3600));
    assertEquals(WishStatus.FULFILLED, w.status());
    assertEquals("V1", w.claimedBy());
    assertEquals(T0.plusSeconds(3600), w.closedAt());
  }

  @Test
  void fulfilWithoutClaim_rejectedWithAllowedMoves() {
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> posted().fulfil(T0.plusSeconds(1)));
    assertEquals("status = REQUESTED: a REQUESTED wish cannot become FULFILLED; it can become "
        + "[CLAIMED, EXPIRED, CANCELLED]", e.getMessage());
  }

  @Test
  void claimBeforePosting_rejected() {
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> posted().claim("V1", T0.minusSeconds(1)));
    assertEquals("claimedAt = 2026-03-01T01:59:59Z: must not be before postedAt "
        + "2026-03-01T02:00:00Z", e.getMessage());
  }

  @Test
  void pointsWithoutSource_rejected() {
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> Wish.post("W1", "C1", "R1", "R1", "bag", "gift", 5, null, T0));
    assertEquals("pointsSourceId = null: is required when pointsOffered > 0 and must be absent "
        + "when it is 0", e.getMessage());
  }

  @Test
  void releasedWish_forgetsItsClaimant() {
    Wish w = posted().claim("V1", T0).release();
    assertEquals(WishStatus.REQUESTED, w.status());
    assertEquals(null, w.claimedBy());
  }

  /** The state machine as the issue describes it, written out here rather than asked of the code. */
  private static final java.util.Map<WishStatus, java.util.Set<Integer>> LEGAL = java.util.Map.of(
      WishStatus.REQUESTED, java.util.Set.of(0, 3, 4), // claim, expire, cancel
      WishStatus.CLAIMED, java.util.Set.of(1, 2, 4),   // release, fulfil, cancel
      WishStatus.FULFILLED, java.util.Set.of(),
      WishStatus.EXPIRED, java.util.Set.of(),
      WishStatus.CANCELLED, java.util.Set.of());
  private static final List<WishStatus> TARGET = List.of(WishStatus.CLAIMED, WishStatus.REQUESTED,
      WishStatus.FULFILLED, WishStatus.EXPIRED, WishStatus.CANCELLED);
  private static final java.util.concurrent.atomic.AtomicInteger ACCEPTED =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicInteger REFUSED =
      new java.util.concurrent.atomic.AtomicInteger();

  @Property(tries = 1000)
  void anySequenceOfMoves_followsTheStateMachine_andKeepsFieldsConsistent(
      @ForAll("moves") List<Integer> moves) {
    Wish w = posted();
    Instant t = T0;
    for (int move : moves) {
      t = t.plusSeconds(60);
      Wish before = w;
      boolean legal = LEGAL.get(before.status()).contains(move);
      try {
        w = switch (move) {
          case 0 -> w.claim("V" + move, t);
          case 1 -> w.release();
          case 2 -> w.fulfil(t);
          case 3 -> w.expire(t);
          default -> w.cancel(t);
        };
        assertEquals(true, legal, before.status() + " accepted move " + move);
        assertEquals(TARGET.get(move), w.status());
        ACCEPTED.incrementAndGet();
      } catch (InvalidValueException e) {
        assertEquals(false, legal, before.status() + " refused move " + move + ": " + e);
        assertEquals("status", e.field());
        assertEquals(before, w, "a refused move changes nothing");
        REFUSED.incrementAndGet();
      }
      assertEquals(w.status() == WishStatus.CLAIMED || w.status() == WishStatus.FULFILLED
          || (w.status() == WishStatus.CANCELLED && w.claimedBy() != null),
          w.claimedBy() != null, "claimant only while or after claimed: " + w);
      assertEquals(w.status().isFinal(), w.closedAt() != null, "closed exactly when final: " + w);
      // The canonical constructor re-validates every invariant.
      Wish copy = new Wish(w.id(), w.communityId(), w.requesterId(), w.postedById(), w.text(),
          w.category(), w.pointsOffered(), w.pointsSourceId(), w.status(), w.postedAt(),
          w.claimedBy(), w.claimedAt(), w.closedAt());
      assertEquals(w, copy);
    }
  }

  @net.jqwik.api.lifecycle.AfterContainer
  static void bothAcceptedAndRefusedMovesWereTried() {
    if (ACCEPTED.get() + REFUSED.get() > 0) {
      assertEquals(true, ACCEPTED.get() > 500, "accepted moves: " + ACCEPTED);
      assertEquals(true, REFUSED.get() > 500, "refused moves: " + REFUSED);
    }
  }

  @Provide
  Arbitrary<List<Integer>> moves() {
    return Arbitraries.integers().between(0, 4).list().ofMaxSize(10);
  }
}
