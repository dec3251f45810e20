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
    sha.reset();
    sha.update(previous);
    ByteBuffer b = ByteBuffer.allocate(8);
    sha.update(b.putLong(0, seq).array());
    text(sha, t.id());
    text(sha, t.debitAccountId());
    text(sha, t.creditAccountId());
    sha.update(b.putLong(0, t.amount()).array());
    text(sha, t.asset());
    text(sha, t.code());
    text(sha, t.userData());
    text(sha, t.reverses());
    text(sha, t.operator());
    sha.update(b.putLong(0, exactNanos(t.timestamp())).array());
    return sha.digest();
  }

  private static void text(MessageDigest sha, String s) {
    ByteBuffer len = ByteBuffer.allocate(4);
    if (s == null) {
      sha.update(len.putInt(0, -1).array());
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    sha.update(len.putInt(0, bytes.length).array());
    sha.update(bytes);
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
