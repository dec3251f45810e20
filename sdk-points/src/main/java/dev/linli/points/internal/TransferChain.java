package dev.linli.points.internal;

import dev.linli.points.Transfer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The SHA-256 chain over the PostgreSQL ledger's transfer rows (docs/formats.md §13), shared by the
 * store that writes it and the verifier that checks it, and the tables' time unit (bigint
 * nanoseconds since the epoch). Stateless; each caller brings its own {@link MessageDigest}.
 */
public final class TransferChain {
  /** The chain hash before the first row: 32 zero bytes. */
  public static final int HASH_BYTES = 32;
  /**
   * Every this-many-th transfer of an account is a milestone of its history (schema V4): indexed,
   * and carrying the account's totals after it. The schema's partial indexes say the same number.
   */
  public static final int MILESTONE = 64;

  private TransferChain() {}

  /**
   * Returns a SHA-256 digest.
   *
   * @return a new digest, not thread-safe
   */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Returns {@code SHA-256(previous ‖ row)} for transfer {@code t} stored at position {@code seq}.
   *
   * @param sha a digest to use (reset first)
   * @param previous the previous row's chain hash, or 32 zero bytes
   * @param seq the row's position, from 1
   * @param t the transfer
   * @return the row's chain hash
   */
  public static byte[] next(MessageDigest sha, byte[] previous, long seq, Transfer t) {
    // One update of the whole row: the digest's per-call bookkeeping on some twenty small updates
    // cost about as much as the hashing (same bytes as field by field; TransferChainTest).
    byte[] id = utf8(t.id());
    byte[] debit = utf8(t.debitAccountId());
    byte[] credit = utf8(t.creditAccountId());
    byte[] asset = utf8(t.asset());
    byte[] code = utf8(t.code());
    byte[] userData = utf8(t.userData());
    byte[] reverses = utf8(t.reverses());
    byte[] operator = utf8(t.operator());
    ByteBuffer row = ByteBuffer.allocate(3 * Long.BYTES + 8 * Integer.BYTES + id.length
        + debit.length + credit.length + asset.length + code.length + userData.length
        + length(reverses) + length(operator));
    row.putLong(seq);
    text(row, id);
    text(row, debit);
    text(row, credit);
    row.putLong(t.amount());
    text(row, asset);
    text(row, code);
    text(row, userData);
    text(row, reverses);
    text(row, operator);
    row.putLong(exactNanos(t.timestamp()));
    sha.reset();
    sha.update(previous);
    sha.update(row.array());
    return sha.digest();
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static int length(byte[] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  /** A text field: its length in bytes and its UTF-8 bytes, or -1 for none. */
  private static void text(ByteBuffer row, byte[] bytes) {
    if (bytes == null) {
      row.putInt(-1);
      return;
    }
    row.putInt(bytes.length);
    row.put(bytes);
  }

  /**
   * Returns the instant as nanoseconds since the epoch.
   *
   * @param t an instant between 1677 and 2262
   * @return its nanoseconds
   * @throws IllegalArgumentException if it is outside that range
   */
  public static long exactNanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the PostgreSQL ledger stores instants between 1677 and"
          + " 2262 only: " + t, e);
    }
  }

  /**
   * Returns the instant as nanoseconds since the epoch, cut to the range a {@code bigint} holds
   * (query bounds such as {@link Instant#MIN}, far expiries).
   *
   * @param t any instant
   * @return its nanoseconds, or {@link Long#MIN_VALUE} / {@link Long#MAX_VALUE} beyond the range
   */
  public static long clampedNanos(Instant t) {
    if (t.getEpochSecond() >= Long.MAX_VALUE / 1_000_000_000L) {
      return Long.MAX_VALUE;
    }
    if (t.getEpochSecond() <= Long.MIN_VALUE / 1_000_000_000L) {
      return Long.MIN_VALUE;
    }
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /**
   * Returns the instant {@code nanos} after the epoch.
   *
   * @param nanos nanoseconds since the epoch
   * @return the instant
   */
  public static Instant instant(long nanos) {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }
}
