package dev.linli.points.journal;

import dev.linli.core.internal.Sha256;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads a journal's segments in order, checking every frame, CRC32C, segment header and hash-chain
 * link, and hands each record to a visitor. A damaged last record of the last segment (a write the
 * crash cut short) is a torn tail, reported rather than thrown; any other damage throws
 * {@link JournalCorruptedException}.
 */
final class JournalReader {

  /** Receives each good record; may throw {@link IllegalArgumentException} or
   * {@link IllegalStateException} to reject it (reported as corruption at its offset). The
   * {@code hash} array is the reader's and is overwritten two records later: copy what is kept. */
  interface Visitor {
    void record(long index, byte type, byte[] body, int payloadOffset, int payloadLength,
        byte[] hash);
  }

  /** Where to start: a segment file, a byte offset in it, the record index there and the hash of
   * the record before it. */
  record Start(Path segment, long offset, long recordIndex, byte[] prevHash, long prevOffset) {}

  /**
   * A torn or damaged last record found (not yet removed): where, how many bytes, its index, why,
   * and how many transfers it would have applied (-1 if its bytes do not tell).
   */
  record Torn(Path segment, long offset, long bytes, long recordIndex, String reason,
      int transfers) {}

  /** Where a read ended. */
  record End(long records, byte[] lastHash, Path lastSegment, long validEnd, Torn torn,
      Path lastRecordSegment, long lastRecordOffset) {}

  private JournalReader() {}

  static End read(Path dir, Start start, Visitor visitor) throws IOException {
    List<Path> segments = Segments.list(dir);
    int first = 0;
    if (start != null) {
      first = segments.indexOf(start.segment());
      if (first < 0) {
        throw new JournalCorruptedException(start.segment(), start.offset(), start.recordIndex(),
            "segment is missing");
      }
    }
    long index = start == null ? 0 : start.recordIndex();
    // A copy even of GENESIS: prev and hash swap roles after every record.
    byte[] prev = (start == null ? Segments.GENESIS : start.prevHash()).clone();
    Path lastSegment = null;
    long validEnd = 0;
    Torn torn = null;
    Path lastRecordSegment = start == null ? null : start.segment();
    long lastRecordOffset = start == null ? -1 : start.prevOffset();
    MessageDigest sha = Sha256.newDigest();
    CRC32C crc = new CRC32C();
    byte[] body = new byte[1 << 16];
    byte[] hash = new byte[Segments.HASH_BYTES];
    for (int s = first; s < segments.size(); s++) {
      Path file = segments.get(s);
      boolean last = s == segments.size() - 1;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        long size = ch.size();
        long offset;
        if (start != null && s == first) {
          offset = start.offset();
        } else {
          if (size < Segments.HEADER_BYTES) {
            if (last && s > first) {
              // The crash came while a new segment's header was written: nothing is in it.
              torn = new Torn(file, 0, size, index, "segment header cut short (" + size
                  + " of " + Segments.HEADER_BYTES + " bytes)", 0);
              break;
            }
            throw new JournalCorruptedException(file, 0, index, "segment header is "
                + size + " bytes, expected " + Segments.HEADER_BYTES);
          }
          ByteBuffer h = ByteBuffer.allocate(Segments.HEADER_BYTES);
          while (h.hasRemaining() && ch.read(h, h.position()) > 0) {
            // positional reads until the header is in
          }
          h.flip();
          byte[] magic = new byte[8];
          h.get(magic);
          short version = h.getShort();
          h.getShort();
          long firstRecord = h.getLong();
          byte[] headerPrev = new byte[Segments.HASH_BYTES];
          h.get(headerPrev);
          if (!Arrays.equals(magic, Segments.MAGIC)) {
            throw new JournalCorruptedException(file, 0, index, "not a Linli journal segment");
          }
          if (version != Segments.FORMAT_VERSION) {
            throw new JournalCorruptedException(file, 8, index, "segment format version "
                + version + ", this library reads " + Segments.FORMAT_VERSION);
          }
          if (firstRecord != index || !file.getFileName().toString()
              .equals(Segments.fileName(firstRecord))) {
            throw new JournalCorruptedException(file, 12, index, "segment starts at record "
                + firstRecord + " but the journal before it ends at record " + index
                + " (a segment is missing or renamed)");
          }
          if (!Arrays.equals(headerPrev, prev)) {
            throw new JournalCorruptedException(file, 20, index,
                "segment header's previous hash does not match the record before it");
          }
          offset = Segments.HEADER_BYTES;
        }
        SegmentInput in = new SegmentInput(ch, offset);
        while (offset < size) {
          long remaining = size - offset;
          String problem = null;
          int length = 0;
          if (remaining < Segments.FRAME_BYTES) {
            problem = "partial record frame";
          } else {
            length = in.readInt();
            int check = in.readInt();
            if (check != ~length) {
              problem = "record length field is damaged";
            } else if (length < Segments.MIN_BODY || length > Segments.MAX_BODY) {
              problem = "record length " + length + " out of range";
            } else if (offset + Segments.FRAME_BYTES + length > size) {
              problem = "partial record: " + (remaining - Segments.FRAME_BYTES) + " of " + length
                  + " bytes";
              if (last) {
                torn = new Torn(file, offset, remaining, index, problem,
                    transfersIn(ch, offset, size));
                break;
              }
            }
          }
          if (problem != null) {
            if (last && (remaining < Segments.FRAME_BYTES || zeros(ch, offset, size))) {
              torn = new Torn(file, offset, remaining, index, remaining < Segments.FRAME_BYTES
                  ? problem : problem + ", the rest zeros", -1);
              break;
            }
            throw new JournalCorruptedException(file, offset, index, problem);
          }
          int storedCrc = in.readInt();
          if (body.length < length) {
            body = new byte[Math.max(length, body.length * 2)];
          }
          try {
            in.readFully(body, 0, length);
          } catch (EOFException e) {
            throw new JournalCorruptedException(file, offset, index, "file shrank while read");
          }
          crc.reset();
          crc.update(body, 0, length);
          if ((int) crc.getValue() != storedCrc) {
            if (last && offset + Segments.FRAME_BYTES + length == size) {
              // A write the crash cut short, or a complete record damaged since: its bytes
              // cannot tell which, so it is reported as either, never passed over in silence.
              torn = new Torn(file, offset, remaining, index,
                  "CRC32C mismatch in the journal's last record (a torn write or later damage)",
                  transfersIn(ch, offset, size));
              break;
            }
            throw new JournalCorruptedException(file, offset, index, "CRC32C mismatch");
          }
          if (body[0] != Segments.RECORD_VERSION) {
            throw new JournalCorruptedException(file, offset, index, "record format version "
                + body[0] + ", this library reads " + Segments.RECORD_VERSION);
          }
          int payloadLength = length - 2 - Segments.HASH_BYTES;
          sha.reset();
          sha.update(prev);
          sha.update(body, 0, 2 + payloadLength);
          Sha256.finish(sha, hash);
          if (!Arrays.equals(hash, 0, Segments.HASH_BYTES, body, length - Segments.HASH_BYTES,
              length)) {
            throw new JournalCorruptedException(file, offset, index,
                "hash chain broken: the record's hash is not SHA-256(previous hash || record)"
                + " (a record was altered, removed, inserted or reordered)");
          }
          try {
            visitor.record(index, body[1], body, 2, payloadLength, hash);
          } catch (IllegalArgumentException | IllegalStateException
              | dev.linli.core.InvalidValueException e) {
            throw new JournalCorruptedException(file, offset, index, "record cannot apply: "
                + e.getMessage());
          }
          // The visitor keeps no hash array, so the two swap instead of a clone per record.
          byte[] spent = prev;
          prev = hash;
          hash = spent;
          lastRecordSegment = file;
          lastRecordOffset = offset;
          index++;
          offset += Segments.FRAME_BYTES + length;
        }
        lastSegment = file;
        validEnd = torn != null && torn.segment().equals(file) ? torn.offset() : offset;
      }
      if (torn != null) {
        break;
      }
    }
    return new End(index, prev, lastSegment, validEnd, torn, lastRecordSegment,
        lastRecordOffset);
  }

  /**
   * A segment read from a position through one buffer: what {@code DataInputStream} over a
   * {@code BufferedInputStream} did, without their locking on every call (a record is three ints
   * and a body, and a journal of single-transfer records has millions).
   */
  private static final class SegmentInput {
    private final FileChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);

    SegmentInput(FileChannel ch, long position) throws IOException {
      this.ch = ch;
      ch.position(position);
      buf.limit(0);
    }

    int readInt() throws IOException {
      if (buf.remaining() < 4) {
        fill(4);
      }
      return buf.getInt();
    }

    void readFully(byte[] into, int offset, int length) throws IOException {
      int done = Math.min(length, buf.remaining());
      buf.get(into, offset, done);
      if (done == length) {
        return;
      }
      if (length - done >= buf.capacity()) {
        // A body larger than the buffer goes straight into the caller's array.
        ByteBuffer direct = ByteBuffer.wrap(into, offset + done, length - done);
        while (direct.hasRemaining()) {
          if (ch.read(direct) < 0) {
            throw new EOFException();
          }
        }
        return;
      }
      fill(length - done);
      buf.get(into, offset + done, length - done);
    }

    /** Reads until at least {@code need} bytes are buffered, or throws at the end of the file. */
    private void fill(int need) throws IOException {
      buf.compact();
      while (buf.position() < need) {
        if (ch.read(buf) < 0) {
          buf.flip();
          throw new EOFException();
        }
      }
      buf.flip();
    }
  }

  /**
   * How many transfers the (possibly damaged) record at {@code offset} would have applied, read
   * from its type and count fields: -1 if those bytes are missing or make no sense.
   */
  private static int transfersIn(FileChannel ch, long offset, long size) throws IOException {
    int want = 2 + 12 + 4;
    long from = offset + Segments.FRAME_BYTES;
    if (size - from < 2) {
      return -1;
    }
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(want, size - from));
    while (b.hasRemaining() && ch.read(b, from + b.position()) > 0) {
      // positional reads until the fields are in
    }
    byte type = b.get(1);
    return switch (type) {
      case RecordCodec.TRANSFERS_APPLIED -> {
        int n = b.limit() == want ? b.getInt(14) : -1;
        yield n > 0 ? n : -1;
      }
      case RecordCodec.LOTS_EXPIRED -> {
        int n = b.limit() >= 6 ? b.getInt(2) : -1;
        yield n > 0 ? n : -1;
      }
      case RecordCodec.HOLD_POSTED, RecordCodec.LOT_EXPIRED -> 1;
      case RecordCodec.ACCOUNT_CREATED, RecordCodec.FLAGS_CHANGED, RecordCodec.HOLDS_EXPIRED,
          RecordCodec.HOLD_PLACED, RecordCodec.HOLD_VOIDED, RecordCodec.SNAPSHOT_TAKEN,
          RecordCodec.CONFIG -> 0;
      default -> -1;
    };
  }

  private static boolean zeros(FileChannel ch, long from, long to) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1 << 16);
    long pos = from;
    while (pos < to) {
      b.clear();
      int n = ch.read(b, pos);
      if (n <= 0) {
        return true;
      }
      for (int i = 0; i < n; i++) {
        if (b.get(i) != 0) {
          return false;
        }
      }
      pos += n;
    }
    return true;
  }
}
