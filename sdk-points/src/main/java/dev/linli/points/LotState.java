package dev.linli.points;

import java.time.Instant;

/**
 * A lot's mutable state, as a store holds it: what is left of one credit to a member account of
 * an expiring asset. Guarded by the ledger's lock (or, in a SQL store, by the owning account's row
 * lock).
 */
final class LotState {
  final String source;
  final long amount;
  long remaining;
  final Instant earnedAt;
  final Instant expiresAt;
  int expirations;

  LotState(String source, long amount, Instant earnedAt, Instant expiresAt) {
    this.source = source;
    this.amount = amount;
    this.remaining = amount;
    this.earnedAt = earnedAt;
    this.expiresAt = expiresAt;
  }
}
