package dev.linli.points.journal;

import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Hold;
import dev.linli.points.Transfer;
import dev.linli.core.internal.Sha256;
import dev.linli.points.internal.LedgerState;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * journal and replay only what follows. Chunks carry CRC32C against accidents; against edits, the
 * SHA-256 of the whole file is bound to the hash chain by a journal record, and a snapshot that
 * fails any check is ignored (the journal, which it only shortcuts, is the record).
 */
final class Snapshots {
  static final byte[] MAGIC = "LINLISNP".getBytes(StandardCharsets.US_ASCII);
  static final short VERSION = 1;
  private static final Pattern NAME = Pattern.compile("snapshot-\\d{20}\\.snap");
  private static final byte CONFIG = 1;
  private static final byte ACCOUNTS = 2;
  private static final byte SINKS = 3;
  private static final byte TRANSFERS = 4;
  private static final byte HOLDS = 5;
  private static final byte END = 6;
  private static final int CHUNK = 1 << 20;

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
      RecordCodec.Encoder head = new RecordCodec.Encoder(256);
      head.put(MAGIC, 0, MAGIC.length);
      head.put((byte) 0);
      head.put((byte) VERSION);
      head.put((byte) 0);
      head.put((byte) 0);
      head.putLong(at.records());
      head.put(at.hash(), 0, Segments.HASH_BYTES);
      head.putString(at.segment().getFileName().toString());
      head.putLong(at.offset());
      sha.update(head.buf, 0, head.size);
      Segments.writeFully(ch, ByteBuffer.wrap(head.buf, 0, head.size));
      Chunks out = new Chunks(ch, sha);
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
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    DurableLedger.forceDirectory(dir);
    return new Written(file, sha.digest());
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

  /**
   * Reads a snapshot and the SHA-256 of its whole content.
   *
   * @throws Unusable if it is damaged, incomplete or not a snapshot this library writes
   */
  static Loaded read(Path file) throws IOException, Unusable {
    MessageDigest sha = Sha256.newDigest();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        new DigestInputStream(Files.newInputStream(file), sha), 1 << 20))) {
      byte[] magic = new byte[8];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new Unusable("not a Linli snapshot (no LINLISNP magic)");
      }
      short version = in.readShort();
      if (version != VERSION) {
        throw new Unusable("snapshot format version " + version + ", this library reads "
            + VERSION);
      }
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
