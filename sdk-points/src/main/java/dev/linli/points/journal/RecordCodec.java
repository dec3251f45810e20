package dev.linli.points.journal;

import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Hold;
import dev.linli.points.Transfer;
import dev.linli.points.internal.LedgerEvent;
import dev.linli.points.internal.RecordedTransfers;
import dev.linli.points.internal.TransferRun;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The binary payloads of journal records (layout in {@code docs/formats.md}): big-endian integers,
 * strings as an unsigned 16-bit byte count (0xFFFF for null) and UTF-8 bytes, instants as epoch
 * seconds (8 bytes) and nanos (4 bytes). Not thread-safe; one per writer or reader.
 */
final class RecordCodec {
  static final byte CONFIG = 0;
  static final byte ACCOUNT_CREATED = 1;
  static final byte FLAGS_CHANGED = 2;
  static final byte HOLDS_EXPIRED = 3;
  static final byte TRANSFERS_APPLIED = 4;
  static final byte HOLD_PLACED = 5;
  static final byte HOLD_POSTED = 6;
  static final byte HOLD_VOIDED = 7;
  static final byte LOT_EXPIRED = 8;
  /** Binds a snapshot file to the chain: no ledger change, see {@link Binding}. */
  static final byte SNAPSHOT_TAKEN = 9;
  /** One lot-expiry sweep: every lot it expired (type 8 was one lot per record). */
  static final byte LOTS_EXPIRED = 10;
  /**
   * A service step: the ledger changes made while it ran and the facts it stored, as one record,
   * so a crash keeps both or neither (see {@link dev.linli.points.FactLog}).
   */
  static final byte SERVICE_STEP = 11;

  private static final int NULL = 0xFFFF;

  /** The ledger configuration a journal was created with: record 0 of every journal. */
  record Config(String zone, List<Expiry> expiries) {
    Config {
      expiries = List.copyOf(expiries);
    }
  }

  /** One asset's lot expiry policy. */
  record Expiry(String asset, Period lifetime, String sinkAccountId) {}

  /** A growable big-endian byte buffer. */
  static final class Encoder {
    byte[] buf;
    int size;

    Encoder(int capacity) {
      buf = new byte[capacity];
    }

    void reset() {
      size = 0;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    void put(byte b) {
      ensure(1);
      buf[size++] = b;
    }

    void put(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    void putInt(int v) {
      ensure(4);
      buf[size++] = (byte) (v >>> 24);
      buf[size++] = (byte) (v >>> 16);
      buf[size++] = (byte) (v >>> 8);
      buf[size++] = (byte) v;
    }

    void putLong(long v) {
      putInt((int) (v >>> 32));
      putInt((int) v);
    }

    void putBoolean(boolean v) {
      put(v ? (byte) 1 : (byte) 0);
    }

    void putString(String s) {
      if (s == null) {
        ensure(2);
        buf[size++] = (byte) 0xFF;
        buf[size++] = (byte) 0xFF;
        return;
      }
      int n = s.length();
      boolean ascii = true;
      for (int i = 0; i < n && ascii; i++) {
        ascii = s.charAt(i) < 0x80;
      }
      if (ascii) {
        ensure(2 + n);
        buf[size++] = (byte) (n >>> 8);
        buf[size++] = (byte) n;
        for (int i = 0; i < n; i++) {
          buf[size++] = (byte) s.charAt(i);
        }
      } else {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(2 + b.length);
        buf[size++] = (byte) (b.length >>> 8);
        buf[size++] = (byte) b.length;
        put(b, 0, b.length);
      }
    }

    /** The id at {@code index} of {@code run} as {@link #putString} writes an ASCII string. */
    void putAscii(TransferRun run, int index) {
      int n = run.idLength(index);
      ensure(2 + n);
      buf[size++] = (byte) (n >>> 8);
      buf[size++] = (byte) n;
      run.copyId(index, buf, size);
      size += n;
    }

    void putInstant(Instant t) {
      putLong(t.getEpochSecond());
      putInt(t.getNano());
    }
  }

  /** One fact stored by a service step. */
  record StepFact(String stream, long seq, String kind, String json) {}

  /**
   * Writes a {@link #SERVICE_STEP} payload: the count and bytes of the step's ledger events
   * (each a type byte, a 32-bit length and the event's payload), then the facts (stream, sequence
   * number, kind, and the JSON text as a 32-bit byte count and UTF-8 bytes).
   */
  static void encodeStep(int eventCount, Encoder events, List<StepFact> facts, Encoder out) {
    out.putInt(eventCount);
    out.put(events.buf, 0, events.size);
    out.putInt(facts.size());
    for (StepFact f : facts) {
      out.putString(f.stream());
      out.putLong(f.seq());
      out.putString(f.kind());
      byte[] json = f.json().getBytes(StandardCharsets.UTF_8);
      out.putInt(json.length);
      out.put(json, 0, json.length);
    }
  }

  /** Appends one ledger event of a step being collected to {@code events}. */
  static void encodeStepEvent(byte type, Encoder payload, Encoder events) {
    events.put(type);
    events.putInt(payload.size);
    events.put(payload.buf, 0, payload.size);
  }

  /**
   * Reads a {@link #SERVICE_STEP} payload, handing its ledger events (decoded only if
   * {@code events} is not null) and its facts (if {@code facts} is not null) on in order.
   *
   * @throws IllegalArgumentException if the payload is malformed
   */
  static void decodeStep(Decoder in, java.util.function.Consumer<LedgerEvent> events,
      java.util.function.Consumer<StepFact> facts) {
    int n = in.getInt();
    if (n < 0) {
      throw new IllegalArgumentException("step event count " + n);
    }
    Decoder sub = events == null ? null : new Decoder();
    for (int i = 0; i < n; i++) {
      byte type = in.get();
      int len = in.getInt();
      if (len < 0) {
        throw new IllegalArgumentException("step event length " + len);
      }
      in.need(len);
      if (sub != null) {
        if (type == CONFIG || type == SNAPSHOT_TAKEN || type == SERVICE_STEP) {
          throw new IllegalArgumentException("a step cannot hold a record of type " + type);
        }
        sub.reset(in.buf, in.pos, len);
        sub.origin = in.origin;
        events.accept(decode(type, sub));
      }
      in.pos += len;
    }
    int m = in.getInt();
    if (m < 0) {
      throw new IllegalArgumentException("step fact count " + m);
    }
    for (int i = 0; i < m; i++) {
      String stream = in.getString();
      long seq = in.getLong();
      String kind = in.getString();
      int len = in.getInt();
      if (stream == null || kind == null || seq < 1 || len < 0) {
        throw new IllegalArgumentException("malformed step fact " + i + " (stream " + stream
            + ", seq " + seq + ", kind " + kind + ", " + len + " bytes)");
      }
      in.need(len);
      String json = new String(in.buf, in.pos, len, StandardCharsets.UTF_8);
      in.pos += len;
      if (facts != null) {
        facts.accept(new StepFact(stream, seq, kind, json));
      }
    }
    if (!in.atEnd()) {
      throw new IllegalArgumentException("payload has bytes after its last field");
    }
  }

  /** Reads a payload; strings other than transfer and hold ids are shared to save memory. */
  static final class Decoder {
    private byte[] buf;
    private int pos;
    private int end;
    /** Recent shared strings, two places per hash: enough for ten thousand account ids. */
    private String[] recent;
    /** How many places {@link #entry} ranges over. */
    static final int PLACES = 1 << 16;
    /** Per place of {@link #recent}: its string's key (see {@link #getShared}). */
    private long[] recentKeys;
    /** Per place: the bytes of a string longer than 7 bytes, compared on a key match. */
    private byte[][] recentBytes;
    /** The place of the string the last {@link #getShared} returned, or -1. */
    int entry = -1;

    /** Where the bytes {@link #position} counts from start in {@link #buf}. */
    private int origin;

    void reset(byte[] b, int off, int len) {
      buf = b;
      pos = off;
      end = off + len;
      origin = 0;
    }

    /**
     * Resets to a journal record's payload of {@code len} bytes from {@code payloadOffset} in
     * {@code body}: positions in messages count from the record body's first byte (two before its
     * payload), wherever the body lies in the array, so a message names the same byte whichever
     * buffer the record was read into.
     */
    void resetRecord(byte[] body, int payloadOffset, int len) {
      reset(body, payloadOffset, len);
      origin = payloadOffset - 2;
    }

    /** The read position, counted as {@link #resetRecord} says. */
    private int position() {
      return pos - origin;
    }

    boolean atEnd() {
      return pos == end;
    }

    private void need(int n) {
      if (end - pos < n) {
        throw new IllegalArgumentException("payload ends early at byte " + position());
      }
    }

    byte get() {
      need(1);
      return buf[pos++];
    }

    int getInt() {
      need(4);
      int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
          | (buf[pos + 3] & 0xFF);
      pos += 4;
      return v;
    }

    long getLong() {
      return ((long) getInt() << 32) | (getInt() & 0xFFFFFFFFL);
    }

    boolean getBoolean() {
      byte b = get();
      if (b != 0 && b != 1) {
        throw new IllegalArgumentException("boolean byte " + b + " at " + (position() - 1));
      }
      return b == 1;
    }

    String getString() {
      need(2);
      int n = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
      pos += 2;
      if (n == NULL) {
        return null;
      }
      need(n);
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    /**
     * As {@link #getString}, but returns the same instance for the same ASCII text seen recently
     * (account ids, assets, codes repeat in every record): a direct-mapped table keyed by the
     * bytes' hash, compared byte by byte, so that a string seen before is found without decoding
     * a new one. Bounded: a new text replaces the one in its place.
     */
    String getShared() {
      need(2);
      int n = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
      entry = -1;
      if (n == NULL) {
        pos += 2;
        return null;
      }
      need(2 + n);
      int from = pos + 2;
      int hash = 0;
      long packed = 0;
      boolean ascii = true;
      for (int i = from; i < from + n; i++) {
        byte b = buf[i];
        ascii &= b >= 0;
        hash = 31 * hash + b;
        packed = packed << 8 | b;
      }
      if (!ascii) {
        return getString();
      }
      // A text of up to 7 bytes is its own key (length and bytes), so a match reads nothing
      // more; a longer one is keyed by its length and hash, and its bytes are compared on a match.
      long key = n <= 7 ? (long) n << 56 | packed
          : Long.MIN_VALUE | (long) n << 32 | (hash & 0xFFFFFFFFL);
      if (recent == null) {
        // Made on first use: a step's decoder of a few fields needs none.
        recent = new String[PLACES];
        recentKeys = new long[PLACES];
        recentBytes = new byte[PLACES][];
      }
      int h = hash * 0x9E3779B9;
      int at = (h ^ h >>> 16) & (recent.length - 2);
      for (int k = at; k < at + 2; k++) {
        if (recentKeys[k] == key && recent[k] != null
            && (n <= 7 || java.util.Arrays.equals(recentBytes[k], 0, n, buf, from, from + n))) {
          pos = from + n;
          entry = k;
          return recent[k];
        }
      }
      String s = new String(buf, from, n, StandardCharsets.US_ASCII);
      // The second place takes the first's text, so the older of the two is dropped.
      recent[at + 1] = recent[at];
      recentKeys[at + 1] = recentKeys[at];
      recentBytes[at + 1] = recentBytes[at];
      recent[at] = s;
      recentKeys[at] = key;
      recentBytes[at] = n <= 7 ? null : java.util.Arrays.copyOfRange(buf, from, from + n);
      pos = from + n;
      entry = at;
      return s;
    }

    /** Passes over a string as {@link #getShared} reads one: the same checks, nothing kept. */
    void skipShared() {
      need(2);
      int n = (buf[pos] & 0xFF) << 8 | (buf[pos + 1] & 0xFF);
      if (n == NULL) {
        pos += 2;
        return;
      }
      need(2 + n);
      pos += 2 + n;
    }

    Instant getInstant() {
      long seconds = getLong();
      int nanos = getInt();
      return Instant.ofEpochSecond(seconds, nanos);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Writes {@code e}'s payload into {@code out}; returns its record type. */
  static byte encode(LedgerEvent e, Encoder out) {
    if (e instanceof LedgerEvent.TransfersApplied t) {
      out.putInstant(t.stamp());
      out.putInt(t.transfers().size());
      if (t.transfers() instanceof TransferRun run) {
        putTransferBodies(run, out);
      } else {
        for (Transfer x : t.transfers()) {
          putTransferBody(x, out);
        }
      }
      return TRANSFERS_APPLIED;
    } else if (e instanceof LedgerEvent.AccountCreated c) {
      putAccount(c.account(), out);
      return ACCOUNT_CREATED;
    } else if (e instanceof LedgerEvent.FlagsChanged f) {
      out.putString(f.accountId());
      out.putBoolean(f.frozen());
      out.putBoolean(f.closed());
      return FLAGS_CHANGED;
    } else if (e instanceof LedgerEvent.HoldsExpired h) {
      out.putInstant(h.now());
      return HOLDS_EXPIRED;
    } else if (e instanceof LedgerEvent.HoldPlaced p) {
      putHold(p.hold(), out);
      return HOLD_PLACED;
    } else if (e instanceof LedgerEvent.HoldPosted p) {
      out.putString(p.holdId());
      out.putInstant(p.transfer().timestamp());
      putTransferBody(p.transfer(), out);
      return HOLD_POSTED;
    } else if (e instanceof LedgerEvent.HoldVoided v) {
      out.putString(v.holdId());
      return HOLD_VOIDED;
    } else if (e instanceof LedgerEvent.LotExpired x) {
      putLotExpired(x, out);
      return LOT_EXPIRED;
    } else if (e instanceof LedgerEvent.LotsExpired sweep) {
      out.putInt(sweep.lots().size());
      for (LedgerEvent.LotExpired x : sweep.lots()) {
        putLotExpired(x, out);
      }
      return LOTS_EXPIRED;
    }
    throw new IllegalArgumentException("unknown event " + e);
  }

  private static void putLotExpired(LedgerEvent.LotExpired x, Encoder out) {
    out.putString(x.lotSource());
    out.putInstant(x.transfer().timestamp());
    putTransferBody(x.transfer(), out);
  }

  private static LedgerEvent.LotExpired getLotExpired(Decoder in) {
    String lot = in.getString();
    return new LedgerEvent.LotExpired(lot, getTransferBody(in, in.getInstant()));
  }

  static void putAccount(Account a, Encoder out) {
    out.putString(a.id());
    out.putString(a.asset());
    out.putString(a.kind().name());
    out.putLong(a.overdraftLimit());
    out.putBoolean(a.frozen());
    out.putBoolean(a.closed());
    out.putString(a.userData());
  }

  /** A hold's fields as placed (state and posting are not part of it). */
  static void putHold(Hold h, Encoder out) {
    out.putString(h.id());
    out.putString(h.debitAccountId());
    out.putString(h.creditAccountId());
    out.putLong(h.amount());
    out.putString(h.asset());
    out.putString(h.code());
    out.putString(h.userData());
    out.putString(h.operator());
    out.putInstant(h.createdAt());
    out.putInstant(h.expiresAt());
  }

  static Hold getHold(Decoder in) {
    return new Hold(in.getString(), in.getShared(), in.getShared(), in.getLong(), in.getShared(),
        in.getShared(), in.getShared(), in.getShared(), in.getInstant(), in.getInstant(),
        Hold.State.PENDING, null);
  }

  static void putTransferBody(Transfer x, Encoder out) {
    out.putString(x.id());
    out.putString(x.debitAccountId());
    out.putString(x.creditAccountId());
    out.putLong(x.amount());
    out.putString(x.asset());
    out.putString(x.code());
    out.putString(x.userData());
    out.putString(x.reverses());
    out.putString(x.operator());
  }

  /** {@link #putTransferBody} of each row of {@code run}, the same bytes, from its columns. */
  static void putTransferBodies(TransferRun run, Encoder out) {
    for (int i = 0, n = run.size(); i < n; i++) {
      out.putAscii(run, i);
      out.putString(run.debitAccountId(i));
      out.putString(run.creditAccountId(i));
      out.putLong(run.amount(i));
      out.putString(run.asset(i));
      out.putString(run.code(i));
      out.putString(run.userData(i));
      out.putString(run.reverses(i));
      out.putString(run.operator(i));
    }
  }

  static Transfer getTransferBody(Decoder in, Instant stamp) {
    return new Transfer(in.getString(), in.getShared(), in.getShared(), in.getLong(),
        in.getShared(), in.getShared(), in.getShared(), in.getString(), in.getShared(), stamp);
  }

  /**
   * What a replay attached to shared account id strings ({@link RecordedTransfers#tagAccount}),
   * by the place a {@link Decoder} found the string in and the string itself: a tag is found
   * only for the very string instance it was attached to. Kept by the thread that applies the
   * records (the decoder may run on another). Not thread-safe.
   */
  static final class Tags {
    private final String[] strings = new String[Decoder.PLACES];
    private final Object[] values = new Object[Decoder.PLACES];
    private Object owner;

    Object get(int at, String s) {
      return at >= 0 && strings[at] == s ? values[at] : null;
    }

    void put(int at, String s, Object tag) {
      if (at >= 0) {
        strings[at] = s;
        values[at] = tag;
      }
    }

    /** Makes {@code owner} the owner, dropping every tag if it was another. */
    void owner(Object owner) {
      if (owner != this.owner) {
        java.util.Arrays.fill(strings, null);
        java.util.Arrays.fill(values, null);
        this.owner = owner;
      }
    }
  }

  /**
   * {@link #TRANSFERS_APPLIED} payloads read field by field into reused arrays (see
   * {@link RecordedTransfers}): the fields {@link #decode} reads, in its order, with the same
   * checks, so a malformed payload throws the same exception; ids are left as slices of the
   * payload's bytes. Holds the records read since {@link #clear}, back to back, and shows one of
   * them at a time ({@link #select}): the last one {@link #read}, on the thread that replays; or
   * each of a chunk's records read ahead on the thread that checks the journal ({@link #prepare}),
   * selected in turn on the replaying thread once the chunk is handed over. Valid until the next
   * {@link #clear}; the payload bytes must stay unchanged until then.
   */
  static final class Transfers implements RecordedTransfers {
    private byte[] buf;
    private int total;
    private int[] idOffset = new int[16];
    private int[] idLength = new int[16];
    private String[] debit = new String[16];
    private String[] credit = new String[16];
    private long[] amount = new long[16];
    private String[] code = new String[16];
    private String[] userData = new String[16];
    private String[] reverses = new String[16];
    private String[] operator = new String[16];
    private int[] debitEntry = new int[16];
    private int[] creditEntry = new int[16];
    /** Per record read: where its transfers start, how many, its stamp, payload and failure. */
    private int records;
    private int[] recordStart = new int[4];
    private int[] recordSize = new int[4];
    private Instant[] recordStamp = new Instant[4];
    private int[] recordPayload = new int[4];
    private int[] recordPayloadLength = new int[4];
    private RuntimeException[] recordFailure = new RuntimeException[4];
    /** The selected record. */
    private int base;
    private int size;
    private Instant stamp;
    private int payloadOffset;
    private int payloadLength;
    private Tags tags;
    /** Decodes {@link #event()}; made on first use. */
    private Decoder general;

    /** Forgets every record read. */
    void clear() {
      records = 0;
      total = 0;
    }

    /** Tags of the thread that applies the records: set before {@link #accountTag} is used. */
    void useTags(Tags tags) {
      this.tags = tags;
    }

    /** How many records were read since {@link #clear} (those that failed included). */
    int records() {
      return records;
    }

    /**
     * Reads the payload {@code in} was reset to, as {@link #decode} of {@link #TRANSFERS_APPLIED}
     * would (the same checks, in the same order), after the records read before, and selects it.
     *
     * @throws IllegalArgumentException if the payload is malformed (nothing is kept of it)
     */
    void read(Decoder in) {
      int start = total;
      try {
        readRecord(in);
      } catch (RuntimeException e) {
        total = start;
        throw e;
      }
      select(records - 1);
    }

    /**
     * As {@link #read}, for a record read ahead of the thread that applies it: a malformed
     * payload is kept as its failure, which {@link #select} of the record throws.
     */
    void prepare(Decoder in) {
      int start = total;
      try {
        readRecord(in);
      } catch (RuntimeException e) {
        total = start;
        int r = newRecord();
        recordFailure[r] = e;
      }
    }

    private int newRecord() {
      int r = records;
      if (r == recordStart.length) {
        int c = r * 2;
        recordStart = java.util.Arrays.copyOf(recordStart, c);
        recordSize = java.util.Arrays.copyOf(recordSize, c);
        recordStamp = java.util.Arrays.copyOf(recordStamp, c);
        recordPayload = java.util.Arrays.copyOf(recordPayload, c);
        recordPayloadLength = java.util.Arrays.copyOf(recordPayloadLength, c);
        recordFailure = java.util.Arrays.copyOf(recordFailure, c);
      }
      recordFailure[r] = null;
      records = r + 1;
      return r;
    }

    private void readRecord(Decoder in) {
      buf = in.buf;
      int payload = in.pos;
      int payloadBytes = in.end - in.pos;
      Instant at = in.getInstant();
      int n = in.getInt();
      if (n <= 0) {
        throw new IllegalArgumentException("transfer count " + n);
      }
      int start = total;
      for (int k = 0; k < n; k++) {
        int i = start + k;
        if (i == idOffset.length) {
          grow(i * 2);
        }
        in.need(2);
        int length = (in.buf[in.pos] & 0xFF) << 8 | (in.buf[in.pos + 1] & 0xFF);
        in.pos += 2;
        if (length == NULL) {
          idOffset[i] = -1;
          idLength[i] = 0;
        } else {
          in.need(length);
          idOffset[i] = in.pos;
          idLength[i] = length;
          in.pos += length;
        }
        debit[i] = in.getShared();
        debitEntry[i] = in.entry;
        credit[i] = in.getShared();
        creditEntry[i] = in.entry;
        amount[i] = in.getLong();
        // The asset: replay takes it from the debited account, as the general path does.
        in.skipShared();
        code[i] = in.getShared();
        userData[i] = in.getShared();
        reverses[i] = in.getString();
        operator[i] = in.getShared();
        total = i + 1;
      }
      if (!in.atEnd()) {
        throw new IllegalArgumentException("payload has bytes after its last field");
      }
      int r = newRecord();
      recordStart[r] = start;
      recordSize[r] = n;
      recordStamp[r] = at;
      recordPayload[r] = payload;
      recordPayloadLength[r] = payloadBytes;
    }

    /**
     * Shows record {@code r} (0 the first read since {@link #clear}).
     *
     * @throws RuntimeException what reading it threw, if it was malformed
     */
    void select(int r) {
      Objects.checkIndex(r, records);
      if (recordFailure[r] != null) {
        throw recordFailure[r];
      }
      base = recordStart[r];
      size = recordSize[r];
      stamp = recordStamp[r];
      payloadOffset = recordPayload[r];
      payloadLength = recordPayloadLength[r];
    }

    private void grow(int capacity) {
      idOffset = java.util.Arrays.copyOf(idOffset, capacity);
      idLength = java.util.Arrays.copyOf(idLength, capacity);
      debit = java.util.Arrays.copyOf(debit, capacity);
      credit = java.util.Arrays.copyOf(credit, capacity);
      amount = java.util.Arrays.copyOf(amount, capacity);
      code = java.util.Arrays.copyOf(code, capacity);
      userData = java.util.Arrays.copyOf(userData, capacity);
      reverses = java.util.Arrays.copyOf(reverses, capacity);
      operator = java.util.Arrays.copyOf(operator, capacity);
      debitEntry = java.util.Arrays.copyOf(debitEntry, capacity);
      creditEntry = java.util.Arrays.copyOf(creditEntry, capacity);
    }

    private int at(int index) {
      return base + Objects.checkIndex(index, size);
    }

    @Override
    public Instant stamp() {
      return stamp;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public byte[] bytes() {
      return buf;
    }

    @Override
    public int idOffset(int index) {
      return idOffset[at(index)];
    }

    @Override
    public int idLength(int index) {
      return idLength[at(index)];
    }

    @Override
    public String debitAccountId(int index) {
      return debit[at(index)];
    }

    @Override
    public String creditAccountId(int index) {
      return credit[at(index)];
    }

    @Override
    public long amount(int index) {
      return amount[at(index)];
    }

    @Override
    public String code(int index) {
      return code[at(index)];
    }

    @Override
    public String userData(int index) {
      return userData[at(index)];
    }

    @Override
    public String reverses(int index) {
      return reverses[at(index)];
    }

    @Override
    public String operator(int index) {
      return operator[at(index)];
    }

    @Override
    public void tagOwner(Object owner) {
      tags.owner(owner);
    }

    @Override
    public Object accountTag(int index, boolean debit) {
      int i = at(index);
      return debit ? tags.get(debitEntry[i], this.debit[i]) : tags.get(creditEntry[i], credit[i]);
    }

    @Override
    public void tagAccount(int index, boolean debit, Object tag) {
      int i = at(index);
      if (debit) {
        tags.put(debitEntry[i], this.debit[i], tag);
      } else {
        tags.put(creditEntry[i], credit[i], tag);
      }
    }

    @Override
    public LedgerEvent.TransfersApplied event() {
      if (general == null) {
        general = new Decoder();
      }
      Decoder d = general;
      d.resetRecord(buf, payloadOffset, payloadLength);
      return (LedgerEvent.TransfersApplied) decode(TRANSFERS_APPLIED, d);
    }
  }

  /**
   * Decodes a payload of {@code type} (not {@link #CONFIG}).
   *
   * @throws IllegalArgumentException if the payload is malformed
   */
  static LedgerEvent decode(byte type, Decoder in) {
    LedgerEvent e;
    switch (type) {
      case TRANSFERS_APPLIED -> {
        Instant stamp = in.getInstant();
        int n = in.getInt();
        if (n <= 0) {
          throw new IllegalArgumentException("transfer count " + n);
        }
        List<Transfer> list = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
          list.add(getTransferBody(in, stamp));
        }
        e = new LedgerEvent.TransfersApplied(stamp, list);
      }
      case ACCOUNT_CREATED -> e = new LedgerEvent.AccountCreated(new Account(in.getString(),
          in.getShared(), AccountKind.valueOf(in.getString()), in.getLong(), in.getBoolean(),
          in.getBoolean(), in.getString()));
      case FLAGS_CHANGED -> e = new LedgerEvent.FlagsChanged(in.getString(), in.getBoolean(),
          in.getBoolean());
      case HOLDS_EXPIRED -> e = new LedgerEvent.HoldsExpired(in.getInstant());
      case HOLD_PLACED -> e = new LedgerEvent.HoldPlaced(getHold(in));
      case HOLD_POSTED -> {
        String hold = in.getString();
        e = new LedgerEvent.HoldPosted(hold, getTransferBody(in, in.getInstant()));
      }
      case HOLD_VOIDED -> e = new LedgerEvent.HoldVoided(in.getString());
      case LOT_EXPIRED -> e = getLotExpired(in);
      case LOTS_EXPIRED -> {
        int n = in.getInt();
        if (n <= 0) {
          throw new IllegalArgumentException("lot count " + n);
        }
        List<LedgerEvent.LotExpired> lots = new ArrayList<>(Math.min(n, 1 << 16));
        for (int i = 0; i < n; i++) {
          lots.add(getLotExpired(in));
        }
        e = new LedgerEvent.LotsExpired(lots);
      }
      default -> throw new IllegalArgumentException("unknown record type " + type);
    }
    if (!in.atEnd()) {
      throw new IllegalArgumentException("payload has bytes after its last field");
    }
    return e;
  }

  /**
   * The payload of a {@link #SNAPSHOT_TAKEN} record: the snapshot covering the first
   * {@code records} records has SHA-256 {@code digest} (64 hex digits) over its whole file.
   */
  record Binding(long records, String digest) {}

  static void encodeBinding(Binding b, Encoder out) {
    out.putLong(b.records());
    out.putString(b.digest());
  }

  static Binding decodeBinding(Decoder in) {
    long records = in.getLong();
    String digest = in.getString();
    if (records < 1 || digest == null || !digest.matches("[0-9a-f]{64}") || !in.atEnd()) {
      throw new IllegalArgumentException("malformed snapshot binding");
    }
    return new Binding(records, digest);
  }

  static void encodeConfig(Config c, Encoder out) {
    out.putString(c.zone());
    out.putInt(c.expiries().size());
    for (Expiry x : c.expiries()) {
      out.putString(x.asset());
      out.putString(x.lifetime().toString());
      out.putString(x.sinkAccountId());
    }
  }

  static Config decodeConfig(Decoder in) {
    String zone = in.getString();
    int n = in.getInt();
    if (n < 0 || n > 1000) {
      throw new IllegalArgumentException("expiry count " + n);
    }
    List<Expiry> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(new Expiry(in.getString(), Period.parse(in.getString()), in.getString()));
    }
    if (!in.atEnd()) {
      throw new IllegalArgumentException("payload has bytes after its last field");
    }
    return new Config(zone, list);
  }
}
