package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.internal.Sha256;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import dev.linli.points.internal.LedgerAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/**
 * Replay reads a transfer record's fields in place ({@code RecordCodec.Transfers}) and applies
 * most transfers without building a request: every journal must come out of it exactly as out of
 * the general path (each record decoded as an event of {@code Transfer} records): the same state
 * and chain, or the same failure with the same message. The journals here are written record by
 * record, valid and not: bad ids, codes, amounts, accounts, duplicates, reversals, user data,
 * operators, lots, malformed payloads.
 */
class FieldByFieldReplayTest {
  private static final AtomicInteger APPLIED_IN_PLACE = new AtomicInteger();
  private static final AtomicInteger JOURNALS_OPENED = new AtomicInteger();
  private static final AtomicInteger JOURNALS_REFUSED = new AtomicInteger();
  private static final AtomicInteger JOURNALS = new AtomicInteger();

  @Property(tries = 300)
  void everyJournal_replaysFieldByField_asTheGeneralPathDoes(@ForAll long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Path dir = Files.createTempDirectory("linli-field-replay");
    try {
      boolean lots = random.nextInt(4) == 0;
      writeJournal(dir, random, lots);
      Outcome general = replay(dir, false);
      Outcome inPlace = replay(dir, true);
      assertEquals(general.failure, inPlace.failure);
      assertEquals(general.records, inPlace.records);
      assertArrayEquals(general.lastHash, inPlace.lastHash);
      assertEquals(general.state, inPlace.state);
      assertEquals(0, general.appliedInPlace);
      // Read field by field on the thread that checks the journal ahead, in small chunks.
      Outcome ahead = replay(dir, true, true, 64 + random.nextInt(2000),
          JournalReader.Prepare.ALWAYS);
      assertEquals(inPlace.failure, ahead.failure);
      assertEquals(inPlace.records, ahead.records);
      assertArrayEquals(inPlace.lastHash, ahead.lastHash);
      assertEquals(inPlace.state, ahead.state);
      assertEquals(inPlace.appliedInPlace, ahead.appliedInPlace);
      APPLIED_IN_PLACE.addAndGet((int) inPlace.appliedInPlace);
      JOURNALS.incrementAndGet();
      (general.failure == null ? JOURNALS_OPENED : JOURNALS_REFUSED).incrementAndGet();
    } finally {
      delete(dir);
    }
  }

  /** The property reaches both outcomes and the path it names, often. */
  @AfterContainer
  static void everyOutcomeWasReached() {
    if (JOURNALS.get() == 0) {
      return;
    }
    assertTrue(JOURNALS_OPENED.get() >= JOURNALS.get() / 5, JOURNALS_OPENED + " opened");
    assertTrue(JOURNALS_REFUSED.get() >= JOURNALS.get() / 5, JOURNALS_REFUSED + " refused");
    assertTrue(APPLIED_IN_PLACE.get() >= JOURNALS.get() * 5, APPLIED_IN_PLACE + " in place");
  }

  @Test
  void randomWorkload_withAndWithoutLots_sameStateBothWays() throws IOException {
    for (boolean lots : new boolean[] {false, true}) {
      Path dir = Files.createTempDirectory("linli-field-replay");
      try {
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        JournalWorkload w = new JournalWorkload(7, clock);
        JournalOptions.Builder options = lots ? JournalWorkload.options(clock)
            : JournalOptions.builder().ledger(Ledger.builder().clock(clock))
                .durability(Durability.NONE);
        try (DurableLedger d = DurableLedger.open(dir, options.build())) {
          w.setUp(d.ledger(), 12);
          for (int i = 0; i < 800; i++) {
            w.step(d.ledger());
          }
        }
        Outcome general = replay(dir, false);
        Outcome inPlace = replay(dir, true);
        assertEquals(null, general.failure);
        assertEquals(null, inPlace.failure);
        assertEquals(general.state, inPlace.state);
        assertArrayEquals(general.lastHash, inPlace.lastHash);
        if (!lots) {
          assertTrue(inPlace.appliedInPlace >= 200, inPlace.appliedInPlace + " in place");
        }
      } finally {
        delete(dir);
      }
    }
  }

  @Test
  void recordLargerThanTheReadersBuffer_replaysTheSameBothWays() throws IOException {
    // 60,000 transfers in one linked batch: a record of about 2.7 MB, over twice the 1 MB the
    // reader buffers, so most of its body is read straight into the record array.
    Path dir = Files.createTempDirectory("linli-field-replay");
    try {
      try (DurableLedger d = DurableLedger.open(dir,
          JournalWorkload.fixedTime().build())) {
        Ledger l = d.ledger();
        JournalWorkload.poolAndMembers(l, 100);
        List<TransferRequest> batch = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
          batch.add(TransferRequest.of("bulk-" + i, "pool", "m" + (i % 100), 1 + i % 7, "earn"));
        }
        assertTrue(l.submitLinked(batch).stream().allMatch(r -> r == TransferResult.OK));
        l.submit(TransferRequest.of("after", "pool", "m1", 5, "earn"));
      }
      long biggest;
      try (Stream<Path> files = Files.list(dir)) {
        biggest = files.filter(p -> p.getFileName().toString().endsWith(".journal"))
            .mapToLong(p -> p.toFile().length()).max().orElseThrow();
      }
      assertTrue(biggest > 2 << 20, biggest + " bytes");
      Outcome general = replay(dir, false);
      Outcome inPlace = replay(dir, true);
      assertEquals(null, inPlace.failure);
      assertEquals(general.state, inPlace.state);
      assertArrayEquals(general.lastHash, inPlace.lastHash);
      assertEquals(60_001, inPlace.appliedInPlace);
    } finally {
      delete(dir);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private record Outcome(String failure, long records, byte[] lastHash, Object state,
      long appliedInPlace) {}

  private static Outcome replay(Path dir, boolean fieldByField) throws IOException {
    return replay(dir, fieldByField, false, JournalReader.CHUNK_BYTES,
        JournalReader.Prepare.NEVER);
  }

  private static Outcome replay(Path dir, boolean fieldByField, boolean ahead, int chunk,
      JournalReader.Prepare prepare) throws IOException {
    JournalOptions options = JournalOptions.builder()
        .ledger(Ledger.builder().clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))).build();
    Ledger[] ledger = new Ledger[1];
    long[] inPlace = new long[1];
    try {
      JournalReader.End end = DurableLedger.replayRecords(dir, null, options, ledger,
          new RecordCodec.Config[1], null, fieldByField, inPlace, ahead, chunk, prepare);
      return new Outcome(null, end.records(), end.lastHash(),
          LedgerAccess.get().export(ledger[0], false), inPlace[0]);
    } catch (RuntimeException e) {
      return new Outcome(e.getClass().getName() + ": " + e.getMessage(), -1, null, null,
          inPlace[0]);
    }
  }

  private static final List<String> ACCOUNTS = List.of("pool", "m0", "m1", "m2", "m3", "shop",
      "star", "frozen", "closed", "nobody", "bad id", "");

  /** A journal made by a ledger (configuration and accounts), then records written directly. */
  private static void writeJournal(Path dir, SplittableRandom random, boolean lots)
      throws IOException {
    Ledger.Builder builder = Ledger.builder().clock(Clock.fixed(
        Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));
    if (lots) {
      builder.expireLots("points", Period.ofDays(30), "expired");
    }
    try (DurableLedger d = DurableLedger.open(dir, JournalOptions.builder().ledger(builder)
        .durability(Durability.NONE).build())) {
      Ledger l = d.ledger();
      l.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
      for (int i = 0; i < 4; i++) {
        l.createAccount(Account.member("m" + i, "points"));
      }
      l.createAccount(new Account("shop", "points", AccountKind.MERCHANT, 50, false, ""));
      l.createAccount(Account.member("star", "stars"));
      l.createAccount(Account.member("frozen", "points"));
      l.setFrozen("frozen", true);
      l.createAccount(Account.member("closed", "points"));
      l.close("closed");
    }
    Path segment;
    try (Stream<Path> files = Files.list(dir)) {
      segment = files.filter(p -> p.getFileName().toString().endsWith(".journal")).findFirst()
          .orElseThrow();
    }
    byte[] before = Files.readAllBytes(segment);
    byte[] prev = Arrays.copyOfRange(before, before.length - Segments.HASH_BYTES, before.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(before);
    List<String> ids = new ArrayList<>();
    // Half the journals hold only requests a ledger would accept (some still do not apply).
    boolean clean = random.nextBoolean();
    Instant stamp = Instant.parse("2026-03-02T00:00:00Z");
    int records = 1 + random.nextInt(8);
    for (int r = 0; r < records; r++) {
      stamp = stamp.plusSeconds(1 + random.nextInt(100));
      RecordCodec.Encoder p = new RecordCodec.Encoder(256);
      p.putInstant(stamp);
      int n = !clean && random.nextInt(20) == 0 ? 0
          : 1 + random.nextInt(random.nextBoolean() ? 3 : 40);
      p.putInt(n);
      for (int i = 0; i < n; i++) {
        putTransfer(p, random, ids, clean);
      }
      int length = p.size;
      if (!clean && random.nextInt(20) == 0) {
        length = Math.max(0, length - 1 - random.nextInt(20));
      } else if (!clean && random.nextInt(20) == 0) {
        p.put((byte) 7);
        length = p.size;
      }
      RecordCodec.Encoder frame = new RecordCodec.Encoder(length + 64);
      byte[] hash = new byte[Segments.HASH_BYTES];
      Segments.frame(RecordCodec.TRANSFERS_APPLIED, p.buf, length, prev,
          Sha256.newDigest(), new CRC32C(), frame, hash);
      out.write(frame.buf, 0, frame.size);
      prev = hash;
    }
    Files.write(segment, out.toByteArray());
  }

  /** Writes one transfer; a clean one is a request a ledger accepts (it may still not apply). */
  private static void putTransfer(RecordCodec.Encoder p, SplittableRandom random,
      List<String> ids, boolean clean) {
    String id;
    int pick = clean ? 60 : random.nextInt(60);
    if (pick < 3 && !ids.isEmpty()) {
      id = ids.get(random.nextInt(ids.size()));
    } else if (pick == 3) {
      id = null;
    } else if (pick == 4) {
      id = "t\u00e9" + ids.size();
    } else if (pick == 5) {
      id = "x".repeat(65);
    } else if (pick == 6) {
      id = "-t" + ids.size();
    } else {
      id = "t" + ids.size() + (random.nextBoolean() ? "" : ".a:b_c-d");
    }
    ids.add(Objects.requireNonNullElse(id, "t?"));
    p.putString(id);
    boolean plain = clean || random.nextInt(8) != 0;
    String debit = plain ? (random.nextInt(clean ? 60 : 5) > 0 ? "pool" : "m" + random.nextInt(4))
        : ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
    String credit = plain ? (random.nextInt(6) > 0 ? "m" + random.nextInt(4) : "shop")
        : ACCOUNTS.get(random.nextInt(ACCOUNTS.size()));
    p.putString(!clean && random.nextInt(50) == 0 ? null : debit);
    p.putString(!clean && random.nextInt(50) == 0 ? null : credit);
    long amount = switch (random.nextInt(40)) {
      case 0 -> clean ? 7 : 0;
      case 1 -> clean ? 9 : -3;
      case 2 -> 3_000_000_000L;
      case 3 -> clean ? 11 : Long.MAX_VALUE;
      default -> 1 + random.nextInt(40);
    };
    p.putLong(amount);
    p.putString(random.nextInt(10) == 0 ? "stars" : "points");
    p.putString(switch (random.nextInt(30) + (clean ? 4 : 0)) {
      case 0 -> "Earn";
      case 1 -> "";
      case 2 -> null;
      case 3 -> "-x";
      case 4 -> "spend";
      default -> "earn";
    });
    p.putString(switch (random.nextInt(20)) {
      case 0 -> null;
      case 1 -> "note " + random.nextInt(5);
      case 2 -> clean ? "" : "u".repeat(129);
      case 3 -> "\u5907\u6ce8";
      default -> "";
    });
    int reversal = clean ? 99 : random.nextInt(25);
    p.putString(reversal == 0 && !ids.isEmpty() ? ids.get(random.nextInt(ids.size()))
        : reversal == 1 ? "bad id" : null);
    p.putString(switch (random.nextInt(25)) {
      case 0 -> "op1";
      case 1 -> clean ? null : "bad op";
      default -> null;
    });
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
