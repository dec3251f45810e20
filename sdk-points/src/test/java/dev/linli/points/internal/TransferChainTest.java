package dev.linli.points.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.linli.points.Transfer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * The chain hash of a PostgreSQL ledger's transfer row must never change: every table written
 * before is verified with it. {@link TransferChain#next} hashes the row in one update; here it is
 * held to the field-by-field definition in {@code docs/formats.md}, written out the plain way.
 */
class TransferChainTest {
  private static final String[] TEXTS = {"", "m1", "pool-东湖", "活动-42", "x".repeat(64), "é"};

  /** The definition: SHA-256 over the previous hash, then each field in order. */
  private static byte[] reference(byte[] previous, long seq, Transfer t) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(previous);
    sha.update(ByteBuffer.allocate(8).putLong(seq).array());
    for (String s : new String[] {t.id(), t.debitAccountId(), t.creditAccountId()}) {
      text(sha, s);
    }
    sha.update(ByteBuffer.allocate(8).putLong(t.amount()).array());
    for (String s : new String[] {t.asset(), t.code(), t.userData(), t.reverses(),
        t.operator()}) {
      text(sha, s);
    }
    sha.update(ByteBuffer.allocate(8).putLong(TransferChain.exactNanos(t.timestamp())).array());
    return sha.digest();
  }

  private static void text(MessageDigest sha, String s) {
    if (s == null) {
      sha.update(ByteBuffer.allocate(4).putInt(-1).array());
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
    sha.update(bytes);
  }

  @Property(tries = 300)
  void next_isTheFieldByFieldDefinition(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    boolean reversal = r.nextBoolean();
    boolean operator = r.nextBoolean();
    Transfer t = new Transfer("t" + r.nextInt(1_000_000), "a" + pick(r), "b" + pick(r),
        1 + r.nextInt(1_000_000), "points", "earn" + pick(r), pick(r),
        reversal ? "t" + r.nextInt(100) : null, operator ? "staff" + pick(r) : null,
        Instant.ofEpochSecond(1_700_000_000L + r.nextInt(100_000_000), r.nextInt(1_000_000_000)));
    byte[] previous = new byte[32];
    r.nextBytes(previous);
    long seq = 1 + (r.nextLong() >>> 1);
    MessageDigest sha = TransferChain.sha256();
    assertArrayEquals(reference(previous, seq, t), TransferChain.next(sha, previous, seq, t));
    Statistics.label("nulls").collect(reversal, operator);
    Statistics.label("nulls").coverage(c -> c.check(false, false).count(n -> n >= 20));
  }

  private static String pick(Random r) {
    return TEXTS[r.nextInt(TEXTS.length)];
  }
}
