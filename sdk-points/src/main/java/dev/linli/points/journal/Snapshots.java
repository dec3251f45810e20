package dev.linli.points.journal;

import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Hold;
import dev.linli.points.Transfer;
import dev.linli.core.internal.Sha256;
import dev.linli.points.internal.LedgerState;
import dev.linli.points.internal.TransferColumns;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Snapshot files ({@code snapshot-<records>.snap}, layout in {@code docs/formats.md}): the full
 * state of a ledger after its journal's first {@code records} records, with the segment, offset
 * and chain hash of the last record they cover, so that opening can check the snapshot against the
 * journal and replay only what follows. Format 2 (written when the store keeps columns) holds the
 * transfers as a few bulk sections, read back with buffer-wide copies into the store's pages;
 * format 1 (transfers as records) is still read. Sections and chunks carry CRC32C against
 * accidents; against edits, the SHA-256 of the whole file is bound to the hash chain by a journal
 * record, and a snapshot that fails any check is ignored (the journal, which it only shortcuts,
 * is the record).
 */
final class Snapshots {
  static final byte[] MAGIC = "LINLISNP".getBytes(StandardCharsets.US_ASCII);
  /** The format {@link #write} writes for columns; {@link #VERSION_1} is still read. */
  static final short VERSION = 2;
  static final short VERSION_1 = 1;
  private static final Pattern NAME = Pattern.compile("snapshot-\\d{20}\\.snap");
  private static final byte CONFIG = 1;
  private static final byte ACCOUNTS = 2;
  private static final byte SINKS = 3;
  private static final byte TRANSFERS = 4;
  private static final byte HOLDS = 5;
  private static final byte END = 6;
  private static final byte NAMES = 7;
  private static final byte DEBITS = 8;
  private static final byte CREDITS = 9;
  private static final byte AMOUNTS = 10;
  private static final byte STAMPS = 11;
  private static final byte KINDS = 12;
  private static final byte ID_ENDS = 13;
  private static final byte ID_BYTES = 14;
  /** Section names by kind, for messages (and tests). */
  static final List<String> SECTION_NAMES = List.of("?", "config", "accounts", "sinks",
      "transfers", "holds", "end", "names", "debits", "credits", "amounts", "stamps", "kinds",
      "id-ends", "id-bytes");
  /** The sections of a format 2 snapshot, in file order. */
  static final byte[] SECTIONS_2 = {CONFIG, ACCOUNTS, SINKS, NAMES, DEBITS, CREDITS, AMOUNTS,
      STAMPS, KINDS, ID_ENDS, ID_BYTES, HOLDS, END};
  private static final int CHUNK = 1 << 20;
  /** Bytes moved per read or write of a bulk section. */
  private static final int BULK = 1 << 20;
  private static final int PAGE = 1 << TransferColumns.PAGE_BITS;
  private static final int ID_PAGE = 1 << TransferColumns.ID_PAGE_BITS;

  /** A snapshot read back; {@code digest} is the SHA-256 of the whole file. */
  record Loaded(Path file, long records, byte[] hash, Path segment, long offset,
      RecordCodec.Config config, LedgerState state, byte[] digest) {}

  /** A snapshot just written: its file and the SHA-256 of its whole content. */
  record Written(Path file, byte[] digest) {}

  /** Why a snapshot file cannot be used; the message says so for a log line. */
  static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String why) {
      super(why, null, false, false);
    }
  }

  private Snapshots() {}

  static String fileName(long records) {
    return String.format(Locale.ROOT, "snapshot-%020d.snap", records);
  }

  static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted()
          .forEach(out::add);
    }
    return out;
  }

  /**
   * Writes a snapshot atomically (temporary file, force, rename) and returns its path and the
   * SHA-256 of its content, which the caller binds to the journal.
   */
  static Written write(Path dir, JournalWriter.Position at, RecordCodec.Config config,
      LedgerState state) throws IOException {
    Path file = dir.resolve(fileName(at.records()));
    Path tmp = dir.resolve(fileName(at.records()) + ".tmp");
    MessageDigest sha = Sha256.newDigest();
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      short version = state.columns() == null ? VERSION_1 : VERSION;
      RecordCodec.Encoder head = new RecordCodec.Encoder(256);
      head.put(MAGIC, 0, MAGIC.length);
      head.put((byte) 0);
      head.put((byte) version);
      head.put((byte) 0);
      head.put((byte) 0);
      head.putLong(at.records());
      head.put(at.hash(), 0, Segments.HASH_BYTES);
      head.putString(at.segment().getFileName().toString());
      head.putLong(at.offset());
      sha.update(head.buf, 0, head.size);
      Segments.writeFully(ch, ByteBuffer.wrap(head.buf, 0, head.size));
      if (version == VERSION) {
        writeColumns(new SectionWriter(ch, sha), config, state);
      } else {
        writeVersion1(new Chunks(ch, sha), config, state);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    DurableLedger.forceDirectory(dir);
    return new Written(file, sha.digest());
  }

  /** Format 1: transfers as records, in chunks of about {@link #CHUNK} bytes. */
  private static void writeVersion1(Chunks out, RecordCodec.Config config, LedgerState state)
      throws IOException {
    RecordCodec.encodeConfig(config, out.begin(CONFIG));
    out.end();
    writeChunked(out, ACCOUNTS, state.accounts(), true, Snapshots::putAccountEntry);
    writeChunked(out, SINKS, state.sinks(), true, Snapshots::putAccountEntry);
    List<Transfer> transfers = state.transfers();
    writeChunked(out, TRANSFERS, transfers, false, (t, e) -> {
      e.putInstant(t.timestamp());
      RecordCodec.putTransferBody(t, e);
    });
    List<Hold> holds = state.holds();
    writeChunked(out, HOLDS, holds, false, (h, e) -> {
      RecordCodec.putHold(h, e);
      e.putString(h.state().name());
      e.putString(h.postedTransferId());
    });
    RecordCodec.Encoder end = out.begin(END);
    end.putInstant(state.last());
    end.putLong(transfers.size());
    end.putLong(holds.size());
    out.end();
  }

  /**
   * Writes {@code list} as chunks of {@code kind}, each an item count then the items, each chunk
   * closed once it passes {@link #CHUNK} bytes; an empty list writes one empty chunk if
   * {@code evenIfEmpty}, none otherwise.
   */
  private static <T> void writeChunked(Chunks out, byte kind, List<T> list, boolean evenIfEmpty,
      java.util.function.BiConsumer<T, RecordCodec.Encoder> item) throws IOException {
    for (int i = 0; i < list.size() || (i == 0 && list.isEmpty() && evenIfEmpty); ) {
      RecordCodec.Encoder e = out.begin(kind);
      int countAt = e.size;
      e.putInt(0);
      int n = 0;
      while (i < list.size() && e.size < CHUNK) {
        item.accept(list.get(i++), e);
        n++;
      }
      patchInt(e, countAt, n);
      out.end();
      if (list.isEmpty()) {
        break;
      }
    }
  }

  private static void putAccountEntry(LedgerState.AccountEntry a, RecordCodec.Encoder e) {
    RecordCodec.putAccount(a.created(), e);
    e.putBoolean(a.current().frozen());
    e.putBoolean(a.current().closed());
    e.putInt(a.lots() == null ? -1 : a.lots().size());
    if (a.lots() != null) {
      for (LedgerState.LotEntry l : a.lots()) {
        e.putString(l.source());
        e.putLong(l.amount());
        e.putLong(l.remaining());
        e.putInstant(l.earnedAt());
        e.putInstant(l.expiresAt());
        e.putInt(l.expirations());
      }
    }
  }

  private static void patchInt(RecordCodec.Encoder e, int at, int v) {
    e.buf[at] = (byte) (v >>> 24);
    e.buf[at + 1] = (byte) (v >>> 16);
    e.buf[at + 2] = (byte) (v >>> 8);
    e.buf[at + 3] = (byte) v;
  }

  /** Frames chunks: kind, length, payload, CRC32C of kind and payload. */
  private static final class Chunks {
    private final FileChannel ch;
    private final MessageDigest sha;
    private final RecordCodec.Encoder e = new RecordCodec.Encoder(CHUNK + (1 << 16));
    private final CRC32C crc = new CRC32C();

    Chunks(FileChannel ch, MessageDigest sha) {
      this.ch = ch;
      this.sha = sha;
    }

    RecordCodec.Encoder begin(byte kind) {
      e.reset();
      e.put(kind);
      e.putInt(0);
      return e;
    }

    void end() throws IOException {
      patchInt(e, 1, e.size - 5);
      crc.reset();
      crc.update(e.buf, 0, 1);
      crc.update(e.buf, 5, e.size - 5);
      e.putInt((int) crc.getValue());
      sha.update(e.buf, 0, e.size);
      Segments.writeFully(ch, ByteBuffer.wrap(e.buf, 0, e.size));
    }
  }


  // ---------------------------------------------------------------------------------------------
  // Format 2: transfers as columns

  /**
   * Writes the sections of format 2 ({@link #SECTIONS_2}): configuration, accounts and sinks,
   * names (account numbers, codes, extras, the side tables), the five transfer columns as
   * little-endian arrays, the ids (ends, bytes; opening rebuilds their index), holds, end.
   */
  private static void writeColumns(SectionWriter out, RecordCodec.Config config,
      LedgerState state) throws IOException {
    TransferColumns c = state.columns();
    int n = c.count();
    RecordCodec.Encoder e = new RecordCodec.Encoder(1 << 16);
    RecordCodec.encodeConfig(config, e);
    out.small(CONFIG, e);
    out.small(ACCOUNTS, accountsSection(state.accounts(), e));
    out.small(SINKS, accountsSection(state.sinks(), e));
    e.reset();
    e.putInt(n);
    e.putInt(c.accountIds().size());
    for (String id : c.accountIds()) {
      e.putString(id);
    }
    e.putInt(c.codes().size());
    for (String code : c.codes()) {
      e.putString(code);
    }
    e.putInt(c.extras().size());
    for (TransferColumns.Extra x : c.extras()) {
      e.putInt(x.code());
      e.putString(x.userData());
      e.putString(x.reverses());
      e.putString(x.operator());
    }
    e.putInt(c.bigAmounts().size());
    for (var big : new java.util.TreeMap<>(c.bigAmounts()).entrySet()) {
      e.putInt(big.getKey());
      e.putLong(big.getValue());
    }
    e.putInt(c.farStamps().size());
    for (var far : new java.util.TreeMap<>(c.farStamps()).entrySet()) {
      e.putInt(far.getKey());
      e.putInstant(far.getValue());
    }
    out.small(NAMES, e);
    out.ints(DEBITS, c.debit(), n);
    out.ints(CREDITS, c.credit(), n);
    out.ints(AMOUNTS, c.amount(), n);
    out.longs(STAMPS, c.stamp(), n);
    out.ints(KINDS, c.kind(), n);
    int idPages = TransferColumns.pages(n, TransferColumns.ID_PAGE_BITS);
    out.begin(ID_ENDS, 2L * n);
    long idBytes = 0;
    for (int p = 0; p < idPages; p++) {
      int k = Math.min(ID_PAGE, n - p * ID_PAGE);
      out.chars(c.idEnds()[p], k);
      idBytes += c.idEnds()[p][k - 1];
    }
    out.end();
    out.begin(ID_BYTES, idBytes);
    for (int p = 0; p < idPages; p++) {
      int k = Math.min(ID_PAGE, n - p * ID_PAGE);
      out.bytes(c.idBytes()[p], c.idEnds()[p][k - 1]);
    }
    out.end();
    e.reset();
    e.putInt(state.holds().size());
    for (Hold h : state.holds()) {
      RecordCodec.putHold(h, e);
      e.putString(h.state().name());
      e.putString(h.postedTransferId());
    }
    out.small(HOLDS, e);
    e.reset();
    e.putInstant(state.last());
    e.putLong(n);
    e.putLong(state.holds().size());
    out.small(END, e);
  }

  private static RecordCodec.Encoder accountsSection(List<LedgerState.AccountEntry> accounts,
      RecordCodec.Encoder e) {
    e.reset();
    e.putInt(accounts.size());
    for (LedgerState.AccountEntry a : accounts) {
      putAccountEntry(a, e);
    }
    return e;
  }

  /**
   * Writes sections: a kind byte, the payload's length as a big-endian {@code long}, the payload,
   * and the CRC32C of kind and payload as a big-endian {@code int}; everything also goes through
   * the file's SHA-256. Arrays go out little-endian through one direct buffer.
   */
  private static final class SectionWriter {
    private final FileChannel ch;
    private final MessageDigest sha;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BULK).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer frame = ByteBuffer.allocate(9);
    private long left;

    SectionWriter(FileChannel ch, MessageDigest sha) {
      this.ch = ch;
      this.sha = sha;
    }

    void begin(byte kind, long length) throws IOException {
      frame.clear();
      frame.put(kind).putLong(length).flip();
      sha.update(frame.array(), 0, 9);
      Segments.writeFully(ch, frame);
      crc.reset();
      crc.update(kind);
      left = length;
    }

    void small(byte kind, RecordCodec.Encoder e) throws IOException {
      begin(kind, e.size);
      bytes(e.buf, e.size);
      end();
    }

    void ints(byte kind, int[][] pages, int n) throws IOException {
      begin(kind, 4L * n);
      for (int p = 0; p * PAGE < n; p++) {
        int[] page = pages[p];
        int k = Math.min(PAGE, n - p * PAGE);
        for (int at = 0; at < k; ) {
          if (buf.remaining() < 4) {
            flush();
          }
          int m = Math.min(k - at, buf.remaining() / 4);
          buf.asIntBuffer().put(page, at, m);
          buf.position(buf.position() + 4 * m);
          at += m;
        }
      }
      end();
    }

    void longs(byte kind, long[][] pages, int n) throws IOException {
      begin(kind, 8L * n);
      for (int p = 0; p * PAGE < n; p++) {
        longs(pages[p], Math.min(PAGE, n - p * PAGE));
      }
      end();
    }

    void longs(long[] a, int n) throws IOException {
      for (int at = 0; at < n; ) {
        if (buf.remaining() < 8) {
          flush();
        }
        int m = Math.min(n - at, buf.remaining() / 8);
        buf.asLongBuffer().put(a, at, m);
        buf.position(buf.position() + 8 * m);
        at += m;
      }
    }

    void chars(char[] a, int n) throws IOException {
      for (int at = 0; at < n; ) {
        if (buf.remaining() < 2) {
          flush();
        }
        int m = Math.min(n - at, buf.remaining() / 2);
        buf.asCharBuffer().put(a, at, m);
        buf.position(buf.position() + 2 * m);
        at += m;
      }
    }

    void bytes(byte[] a, int n) throws IOException {
      for (int at = 0; at < n; ) {
        if (!buf.hasRemaining()) {
          flush();
        }
        int m = Math.min(n - at, buf.remaining());
        buf.put(a, at, m);
        at += m;
      }
    }

    private void flush() throws IOException {
      buf.flip();
      left -= buf.remaining();
      crc.update(buf.duplicate());
      sha.update(buf.duplicate());
      Segments.writeFully(ch, buf);
      buf.clear();
    }

    void end() throws IOException {
      flush();
      if (left != 0) {
        throw new IllegalStateException("a section's length is off by " + left + " bytes");
      }
      frame.clear();
      frame.putInt((int) crc.getValue()).flip();
      sha.update(frame.array(), 0, 4);
      Segments.writeFully(ch, frame);
    }
  }

  /**
   * Reads sections as {@link SectionWriter} writes them, checking each one's CRC32C and feeding
   * every byte to the file's SHA-256; arrays are read in bulk through one direct buffer.
   */
  private static final class SectionReader {
    private final FileChannel ch;
    private final MessageDigest sha;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BULK).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer frame = ByteBuffer.allocate(9);
    /** Payload bytes of the current section not yet read from the file. */
    private long unread;
    private String name;

    SectionReader(FileChannel ch, MessageDigest sha) {
      this.ch = ch;
      this.sha = sha;
    }

    /** Starts the next section, which must be {@code kind}; returns its payload length. */
    long begin(byte kind) throws IOException, Unusable {
      name = SECTION_NAMES.get(kind);
      frame.clear();
      readFully(frame);
      byte found = frame.get(0);
      long length = frame.getLong(1);
      if (found != kind) {
        throw new Unusable("section " + name + " expected, found kind " + found);
      }
      if (length < 0) {
        throw new Unusable("section " + name + " has length " + length);
      }
      sha.update(frame.array(), 0, 9);
      crc.reset();
      crc.update(kind);
      unread = length;
      buf.clear().limit(0);
      return length;
    }

    /** Checks the length of a section whose length its content implies. */
    void expect(long length, long wanted, String why) throws Unusable {
      if (length != wanted) {
        throw new Unusable("section " + name + " holds " + length + " bytes, " + why + " need "
            + wanted);
      }
    }

    private void readFully(ByteBuffer b) throws IOException, Unusable {
      while (b.hasRemaining()) {
        if (ch.read(b) < 0) {
          throw new Unusable("the file ends early, in section " + name
              + " (a write cut short)");
        }
      }
    }

    /** Reads more of the payload, keeping what is left unconsumed; at least {@code bytes}. */
    private void fill(int bytes) throws IOException, Unusable {
      buf.compact();
      int from = buf.position();
      int want = (int) Math.min(buf.remaining(), unread);
      if (from + want < bytes) {
        throw new Unusable("section " + name + " ends inside a value");
      }
      buf.limit(from + want);
      readFully(buf);
      ByteBuffer fresh = buf.duplicate().position(from).limit(from + want);
      crc.update(fresh.duplicate());
      sha.update(fresh);
      unread -= want;
      buf.flip();
    }

    byte[] all(long length) throws IOException, Unusable {
      if (length > 256 << 20) {
        throw new Unusable("section " + name + " of " + length + " bytes, more than it can hold");
      }
      byte[] out = new byte[(int) length];
      bytes(out, out.length);
      return out;
    }

    void ints(int[] a, int n) throws IOException, Unusable {
      for (int at = 0; at < n; ) {
        if (buf.remaining() < 4) {
          fill(4);
        }
        int m = Math.min(n - at, buf.remaining() / 4);
        buf.asIntBuffer().get(a, at, m);
        buf.position(buf.position() + 4 * m);
        at += m;
      }
    }

    void longs(long[] a, int n) throws IOException, Unusable {
      for (int at = 0; at < n; ) {
        if (buf.remaining() < 8) {
          fill(8);
        }
        int m = Math.min(n - at, buf.remaining() / 8);
        buf.asLongBuffer().get(a, at, m);
        buf.position(buf.position() + 8 * m);
        at += m;
      }
    }

    void chars(char[] a, int n) throws IOException, Unusable {
      for (int at = 0; at < n; ) {
        if (buf.remaining() < 2) {
          fill(2);
        }
        int m = Math.min(n - at, buf.remaining() / 2);
        buf.asCharBuffer().get(a, at, m);
        buf.position(buf.position() + 2 * m);
        at += m;
      }
    }

    void bytes(byte[] a, int n) throws IOException, Unusable {
      for (int at = 0; at < n; ) {
        if (!buf.hasRemaining()) {
          fill(1);
        }
        int m = Math.min(n - at, buf.remaining());
        buf.get(a, at, m);
        at += m;
      }
    }

    /** Ends the section: all of it read, and its CRC32C matches. */
    void end() throws IOException, Unusable {
      if (buf.hasRemaining() || unread != 0) {
        throw new Unusable("section " + name + " is longer than its content");
      }
      frame.clear().limit(4);
      readFully(frame);
      sha.update(frame.array(), 0, 4);
      if (frame.getInt(0) != (int) crc.getValue()) {
        throw new Unusable("section " + name + " fails its CRC32C (the file is damaged)");
      }
    }
  }

  /** Reads the sections of format 2 after the header. */
  private static LedgerState readColumns(SectionReader in, RecordCodec.Config[] config)
      throws IOException, Unusable {
    RecordCodec.Decoder d = new RecordCodec.Decoder();
    config[0] = RecordCodec.decodeConfig(small(in, CONFIG, d));
    List<LedgerState.AccountEntry> accounts = readAccounts(small(in, ACCOUNTS, d));
    List<LedgerState.AccountEntry> sinks = readAccounts(small(in, SINKS, d));
    small(in, NAMES, d);
    int n = d.getInt();
    if (n < 0) {
      throw new Unusable("section names gives " + n + " transfers");
    }
    List<String> accountIds = strings(d);
    List<String> codes = strings(d);
    int extraCount = count(d);
    List<TransferColumns.Extra> extras = new ArrayList<>(extraCount);
    for (int i = 0; i < extraCount; i++) {
      extras.add(new TransferColumns.Extra(d.getInt(), d.getString(), d.getString(),
          d.getString()));
    }
    java.util.Map<Integer, Long> big = new java.util.HashMap<>();
    for (int i = count(d); i > 0; i--) {
      big.put(d.getInt(), d.getLong());
    }
    java.util.Map<Integer, Instant> far = new java.util.HashMap<>();
    for (int i = count(d); i > 0; i--) {
      far.put(d.getInt(), d.getInstant());
    }
    done(d, "names");
    int pages = TransferColumns.pages(n, TransferColumns.PAGE_BITS);
    int[][] debit = intColumn(in, DEBITS, n, pages);
    int[][] credit = intColumn(in, CREDITS, n, pages);
    int[][] amount = intColumn(in, AMOUNTS, n, pages);
    long[][] stamp = new long[pages][];
    in.expect(in.begin(STAMPS), 8L * n, n + " transfers");
    for (int p = 0; p < pages; p++) {
      stamp[p] = new long[PAGE];
      in.longs(stamp[p], Math.min(PAGE, n - p * PAGE));
    }
    in.end();
    int[][] kind = intColumn(in, KINDS, n, pages);
    int idPages = TransferColumns.pages(n, TransferColumns.ID_PAGE_BITS);
    char[][] ends = new char[idPages][];
    in.expect(in.begin(ID_ENDS), 2L * n, n + " transfers");
    long idBytes = 0;
    for (int p = 0; p < idPages; p++) {
      int k = Math.min(ID_PAGE, n - p * ID_PAGE);
      ends[p] = new char[ID_PAGE];
      in.chars(ends[p], k);
      idBytes += ends[p][k - 1];
    }
    in.end();
    byte[][] bytes = new byte[idPages][];
    in.expect(in.begin(ID_BYTES), idBytes, "the ids' ends");
    for (int p = 0; p < idPages; p++) {
      bytes[p] = new byte[ends[p][Math.min(ID_PAGE, n - p * ID_PAGE) - 1]];
      in.bytes(bytes[p], bytes[p].length);
    }
    in.end();
    small(in, HOLDS, d);
    int holdCount = count(d);
    List<Hold> holds = new ArrayList<>(holdCount);
    for (int i = 0; i < holdCount; i++) {
      holds.add(readHold(d));
    }
    done(d, "holds");
    small(in, END, d);
    Instant last = d.getInstant();
    if (d.getLong() != n || d.getLong() != holds.size()) {
      throw new Unusable("the end section's counts do not match the sections before it");
    }
    done(d, "end");
    TransferColumns columns;
    try {
      columns = new TransferColumns(n, accountIds, codes, extras, big, far, debit, credit, amount,
          stamp, kind, bytes, ends);
    } catch (IllegalArgumentException e) {
      throw new Unusable("malformed columns: " + e.getMessage());
    }
    return new LedgerState(accounts, sinks, List.of(), holds, last, columns);
  }

  private static RecordCodec.Decoder small(SectionReader in, byte kind, RecordCodec.Decoder d)
      throws IOException, Unusable {
    byte[] payload = in.all(in.begin(kind));
    in.end();
    d.reset(payload, 0, payload.length);
    return d;
  }

  private static int[][] intColumn(SectionReader in, byte kind, int n, int pages)
      throws IOException, Unusable {
    in.expect(in.begin(kind), 4L * n, n + " transfers");
    int[][] column = new int[pages][];
    for (int p = 0; p < pages; p++) {
      column[p] = new int[PAGE];
      in.ints(column[p], Math.min(PAGE, n - p * PAGE));
    }
    in.end();
    return column;
  }

  private static int count(RecordCodec.Decoder d) {
    int n = d.getInt();
    if (n < 0) {
      throw new IllegalArgumentException("a count of " + n);
    }
    return n;
  }

  private static List<String> strings(RecordCodec.Decoder d) {
    int n = count(d);
    List<String> out = new ArrayList<>(Math.min(n, 1 << 16));
    for (int i = 0; i < n; i++) {
      out.add(d.getString());
    }
    return out;
  }

  private static void done(RecordCodec.Decoder d, String section) throws Unusable {
    if (!d.atEnd()) {
      throw new Unusable("section " + section + " is longer than its content");
    }
  }

  private static List<LedgerState.AccountEntry> readAccounts(RecordCodec.Decoder d)
      throws Unusable {
    int n = count(d);
    List<LedgerState.AccountEntry> out = new ArrayList<>(Math.min(n, 1 << 16));
    for (int i = 0; i < n; i++) {
      out.add(readAccount(d));
    }
    done(d, "accounts");
    return out;
  }

  private static Hold readHold(RecordCodec.Decoder d) {
    Hold h = RecordCodec.getHold(d);
    return new Hold(h.id(), h.debitAccountId(), h.creditAccountId(), h.amount(), h.asset(),
        h.code(), h.userData(), h.operator(), h.createdAt(), h.expiresAt(),
        Hold.State.valueOf(d.getString()), d.getString());
  }

  /**
   * Reads a snapshot and the SHA-256 of its whole content.
   *
   * @throws Unusable if it is damaged, incomplete or not a snapshot this library writes
   */
  static Loaded read(Path file) throws IOException, Unusable {
    MessageDigest sha = Sha256.newDigest();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(8 + 2 + 2 + 8 + Segments.HASH_BYTES + 2);
      while (head.hasRemaining()) {
        if (ch.read(head) < 0) {
          throw new Unusable("the file ends early, in its header (a write cut short)");
        }
      }
      if (!Arrays.equals(head.array(), 0, 8, MAGIC, 0, 8)) {
        throw new Unusable("not a Linli snapshot (no LINLISNP magic)");
      }
      short version = head.getShort(8);
      if (version == VERSION_1) {
        return readVersion1(file);
      }
      if (version != VERSION) {
        throw new Unusable("snapshot format version " + version + ", this library reads "
            + VERSION_1 + " and " + VERSION + " (a snapshot of a newer library: opening replays"
            + " the journal, which that library's snapshots never replace)");
      }
      long records = head.getLong(12);
      byte[] hash = Arrays.copyOfRange(head.array(), 20, 20 + Segments.HASH_BYTES);
      ByteBuffer rest = ByteBuffer.allocate((head.getShort(20 + Segments.HASH_BYTES) & 0xFFFF)
          + 8);
      while (rest.hasRemaining()) {
        if (ch.read(rest) < 0) {
          throw new Unusable("the file ends early, in its header (a write cut short)");
        }
      }
      sha.update(head.array());
      sha.update(rest.array());
      String name = new String(rest.array(), 0, rest.capacity() - 8, StandardCharsets.UTF_8);
      long offset = rest.getLong(rest.capacity() - 8);
      RecordCodec.Config[] config = new RecordCodec.Config[1];
      LedgerState state = readColumns(new SectionReader(ch, sha), config);
      if (ch.position() != ch.size()) {
        throw new Unusable("bytes after the end section");
      }
      return new Loaded(file, records, hash, file.resolveSibling(name), offset, config[0], state,
          sha.digest());
    } catch (IllegalArgumentException | dev.linli.core.InvalidValueException e) {
      throw new Unusable("malformed content: " + e.getMessage());
    }
  }

  /** Reads a snapshot of format 1 (transfers as records in chunks). */
  private static Loaded readVersion1(Path file) throws IOException, Unusable {
    MessageDigest sha = Sha256.newDigest();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        new DigestInputStream(Files.newInputStream(file), sha), 1 << 20))) {
      byte[] magic = new byte[8];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new Unusable("not a Linli snapshot (no LINLISNP magic)");
      }
      in.readShort(); // the version, 1
      in.readShort();
      long records = in.readLong();
      byte[] hash = new byte[Segments.HASH_BYTES];
      in.readFully(hash);
      byte[] name = new byte[in.readUnsignedShort()];
      in.readFully(name);
      long offset = in.readLong();
      RecordCodec.Config config = null;
      List<LedgerState.AccountEntry> accounts = new ArrayList<>();
      List<LedgerState.AccountEntry> sinks = new ArrayList<>();
      List<Transfer> transfers = new ArrayList<>();
      List<Hold> holds = new ArrayList<>();
      RecordCodec.Decoder d = new RecordCodec.Decoder();
      CRC32C crc = new CRC32C();
      byte[] buf = new byte[CHUNK + (1 << 16)];
      while (true) {
        byte kind = in.readByte();
        int length = in.readInt();
        if (length < 0 || length > 64 << 20) {
          throw new Unusable("chunk length " + length + " out of range");
        }
        if (buf.length < length) {
          buf = new byte[length];
        }
        in.readFully(buf, 0, length);
        crc.reset();
        crc.update(kind);
        crc.update(buf, 0, length);
        if (in.readInt() != (int) crc.getValue()) {
          throw new Unusable("a chunk of kind " + kind + " fails its CRC32C");
        }
        d.reset(buf, 0, length);
        if (kind == END) {
          Instant last = d.getInstant();
          if (config == null || d.getLong() != transfers.size() || d.getLong() != holds.size()) {
            throw new Unusable("the end chunk's counts do not match the chunks before it");
          }
          if (in.read() != -1) {
            throw new Unusable("bytes after the end chunk");
          }
          Path segment = file.resolveSibling(new String(name, StandardCharsets.UTF_8));
          return new Loaded(file, records, hash, segment, offset, config,
              new LedgerState(accounts, sinks, transfers, holds, last), sha.digest());
        }
        if (kind == CONFIG) {
          config = RecordCodec.decodeConfig(d);
          continue;
        }
        int n = d.getInt();
        for (int i = 0; i < n; i++) {
          switch (kind) {
            case ACCOUNTS, SINKS -> (kind == ACCOUNTS ? accounts : sinks).add(readAccount(d));
            case TRANSFERS -> {
              Instant stamp = d.getInstant();
              transfers.add(RecordCodec.getTransferBody(d, stamp));
            }
            case HOLDS -> {
              Hold h = RecordCodec.getHold(d);
              holds.add(new Hold(h.id(), h.debitAccountId(), h.creditAccountId(), h.amount(),
                  h.asset(), h.code(), h.userData(), h.operator(), h.createdAt(), h.expiresAt(),
                  Hold.State.valueOf(d.getString()), d.getString()));
            }
            default -> throw new Unusable("unknown chunk kind " + kind);
          }
        }
      }
    } catch (EOFException e) {
      throw new Unusable("the file ends early (a write cut short)");
    } catch (IllegalArgumentException | dev.linli.core.InvalidValueException e) {
      throw new Unusable("malformed content: " + e.getMessage());
    }
  }

  private static LedgerState.AccountEntry readAccount(RecordCodec.Decoder d) {
    Account created = new Account(d.getString(), d.getShared(), AccountKind.valueOf(d.getString()),
        d.getLong(), d.getBoolean(), d.getBoolean(), d.getString());
    boolean frozen = d.getBoolean();
    boolean closed = d.getBoolean();
    Account current = created.withFrozen(frozen);
    if (closed) {
      current = current.asClosed();
    }
    int lots = d.getInt();
    List<LedgerState.LotEntry> list = null;
    if (lots >= 0) {
      list = new ArrayList<>(lots);
      for (int i = 0; i < lots; i++) {
        list.add(new LedgerState.LotEntry(d.getString(), d.getLong(), d.getLong(), d.getInstant(),
            d.getInstant(), d.getInt()));
      }
    }
    return new LedgerState.AccountEntry(created, current, list);
  }
}
