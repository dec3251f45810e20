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
 * {@link JournalCorruptedException}. A large journal is checked on a second thread ahead of the
 * visitor ({@link #read(Path, Start, Visitor, boolean, int)}), with the same outcome.
 *
 * <p>Stateless; each read uses its own buffers (and thread).
 */
final class JournalReader {

  /** Receives each good record; may throw {@link IllegalArgumentException} or
   * {@link IllegalStateException} to reject it (reported as corruption at its offset). The
   * {@code hash} array is the reader's and is overwritten two records later: copy what is kept. */
  interface Visitor {
    void record(long index, byte type, byte[] body, int payloadOffset, int payloadLength,
        byte[] hash);

    /**
     * Returns a new {@link Preparer} of this visitor's records, or null if it has none. Called on
     * the reading thread, once per chunk, when records are checked ahead.
     */
    default Preparer preparer() {
      return null;
    }

    /**
     * Called on the reading thread before the records of a chunk that {@code preparer} (one this
     * visitor made) has prepared, in order, on the checking thread; with null before records no
     * preparer saw.
     */
    default void prepared(Preparer preparer) {}
  }

  /**
   * The part of a visitor's reading of its records that needs no state but its own and may run on
   * the checking thread ahead of the visitor (decoding fields, say). Sees each record of a chunk
   * (after {@link #clear}), in order, and must throw nothing: what a record's reading threw is
   * for the visitor to throw when it gets to that record.
   */
  interface Preparer {
    /** Forgets every record prepared. */
    void clear();

    /** Prepares a checked record; the arrays stay unchanged until {@link #clear}. */
    void prepare(long index, byte type, byte[] body, int payloadOffset, int payloadLength);
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

  /**
   * Reads the journal in {@code dir} from {@code start} (its beginning if null), handing every
   * good record to {@code visitor} in order. A journal of at least {@value #AHEAD_MIN_BYTES} bytes
   * to read, on a machine of more than one core, is checked on a second thread ahead of the
   * visitor ({@link #read(Path, Start, Visitor, boolean, int)}); the outcome is the same either
   * way.
   */
  static End read(Path dir, Start start, Visitor visitor) throws IOException {
    List<Path> segments = Segments.list(dir);
    return read(dir, segments, start, visitor, checksAhead(segments, start), CHUNK_BYTES,
        Prepare.WHEN_AHEAD);
  }

  /**
   * Whether {@link #read(Path, Start, Visitor)} checks the frames of {@code segments} from
   * {@code start} on a second thread: on more than one core, from {@value #AHEAD_MIN_BYTES} bytes,
   * unless the last segment's first records are bulk records (a body of
   * {@value #AHEAD_MAX_RECORD_BYTES} bytes or more on average). Those gain little: their frame
   * checks are a small share of applying thousands of transfers each, and on a loaded machine
   * handing over megabyte records measured slower than reading alone (docs/benchmarks.md).
   */
  static boolean checksAhead(List<Path> segments, Start start) {
    return Runtime.getRuntime().availableProcessors() > 1
        && bytesToRead(segments, start) >= AHEAD_MIN_BYTES
        && averageBody(segments.get(segments.size() - 1)) < AHEAD_MAX_RECORD_BYTES;
  }

  /** From this average record body on, a journal is read on one thread (see checksAhead). */
  static final int AHEAD_MAX_RECORD_BYTES = 64 << 10;

  /**
   * The average body length of the first (up to 16) records of {@code segment}, read from their
   * frames alone; 0 if it has none or they cannot be read (the read itself reports damage).
   */
  private static long averageBody(Path segment) {
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
      long size = ch.size();
      long offset = Segments.HEADER_BYTES;
      long total = 0;
      int seen = 0;
      ByteBuffer frame = ByteBuffer.allocate(8);
      while (seen < 16 && offset + Segments.FRAME_BYTES <= size) {
        frame.clear();
        if (ch.read(frame, offset) != 8) {
          break;
        }
        int length = frame.getInt(0);
        if (frame.getInt(4) != ~length || length < Segments.MIN_BODY) {
          break;
        }
        total += length;
        seen++;
        offset += Segments.FRAME_BYTES + length;
      }
      return seen == 0 ? 0 : total / seen;
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * As {@link #read(Path, Start, Visitor)}, on this thread alone ({@code ahead} false) or with the
   * frames (CRC32C, segment headers, SHA-256 chain) checked on a second thread that runs ahead and
   * hands over checked records in chunks of about {@code chunkBytes} bytes: the visitor sees the
   * same records in the same order on this thread, and the same failure (the same exception, or
   * the same torn tail) once it has seen every record before it. The second thread, a daemon
   * named {@code linli-journal-check <dir>}, has ended when this returns or throws.
   */
  static End read(Path dir, Start start, Visitor visitor, boolean ahead, int chunkBytes,
      Prepare prepare) throws IOException {
    return read(dir, Segments.list(dir), start, visitor, ahead, chunkBytes, prepare);
  }

  /**
   * Which chunks the checking thread has the visitor's {@link Preparer} read: none, all, or
   * those it fills while the reading thread has a full chunk waiting (preparing costs the checking
   * thread time, which it has to spare only while it is ahead: so the two threads share the work
   * and neither waits long for the other).
   */
  enum Prepare { NEVER, ALWAYS, WHEN_AHEAD }

  private static End read(Path dir, List<Path> segments, Start start, Visitor visitor,
      boolean ahead, int chunkBytes, Prepare prepare) throws IOException {
    if (ahead) {
      return new Ahead(dir, segments, start, visitor, chunkBytes, prepare).read();
    }
    return check(segments, start, (file, offset, index, body, from, length, hash) ->
        deliver(visitor, file, offset, index, body, from, length, hash));
  }

  /** Below this many bytes to read, a second thread would cost more than it saves. */
  static final int AHEAD_MIN_BYTES = 4 << 20;
  /** How many bytes of records the checking thread hands over at a time. */
  static final int CHUNK_BYTES = 256 << 10;
  /** How many chunks are in flight at most: the checking thread waits for one to come back. */
  private static final int CHUNKS = 4;

  /** How many bytes the segments hold from {@code start} on (an estimate: files may change). */
  private static long bytesToRead(List<Path> segments, Start start) {
    int first = start == null ? 0 : Math.max(0, segments.indexOf(start.segment()));
    long total = start == null ? 0 : -start.offset();
    for (int s = first; s < segments.size(); s++) {
      try {
        total += java.nio.file.Files.size(segments.get(s));
      } catch (IOException e) {
        // The read itself reports a segment it cannot read.
      }
    }
    return total;
  }

  /** Receives each record whose frame and chain hash are good, in order. */
  private interface Sink {
    /**
     * Takes the record at {@code offset} of {@code file}: its body is {@code length} bytes of
     * {@code body} from {@code from} (version, type, payload, chain hash); {@code hash} is the
     * chain hash, valid until the record after next.
     */
    void record(Path file, long offset, long index, byte[] body, int from, int length,
        byte[] hash) throws IOException;
  }

  /** Hands a checked record to the visitor; what the visitor rejects is corruption there. */
  private static void deliver(Visitor visitor, Path file, long offset, long index, byte[] body,
      int from, int length, byte[] hash) {
    try {
      visitor.record(index, body[from + 1], body, from + 2, length - 2 - Segments.HASH_BYTES,
          hash);
    } catch (IllegalArgumentException | IllegalStateException
        | dev.linli.core.InvalidValueException e) {
      throw new JournalCorruptedException(file, offset, index, "record cannot apply: "
          + e.getMessage());
    }
  }

  /** Checks every frame from {@code start} and hands each good record to {@code sink}. */
  private static End check(List<Path> segments, Start start, Sink sink) throws IOException {
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
          sink.record(file, offset, index, body, 0, length, hash);
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
   * Records checked by a second thread, handed to the reading thread in chunks: the checking
   * thread runs {@link #check} and copies each good record into the chunk it fills; a full chunk
   * goes to the reading thread, which hands its records to the visitor and gives the chunk back.
   * At most {@link #CHUNKS} chunks exist, so the checking thread stays at most that many chunks
   * ahead. The checking thread's outcome (its {@link End}, or what it threw) travels after the
   * last record before it, so the visitor sees every record it would see reading alone before the
   * reading thread returns or throws that outcome. A visitor that throws stops the checking thread.
   */
  private static final class Ahead {
    private final Path dir;
    private final List<Path> segments;
    private final Start start;
    private final Visitor visitor;
    private final int chunkBytes;
    private final Prepare prepare;
    /** Full chunks, and last the one carrying the outcome; never more than CHUNKS + 1. */
    private final java.util.concurrent.LinkedBlockingQueue<Chunk> full =
        new java.util.concurrent.LinkedBlockingQueue<>();
    /** Chunks the reading thread is done with. */
    private final java.util.concurrent.ArrayBlockingQueue<Chunk> free =
        new java.util.concurrent.ArrayBlockingQueue<>(CHUNKS);
    /** Chunks made so far (the checking thread's). */
    private int made;
    /** The visitor's preparers, one for each chunk (made before the checking thread starts). */
    private final Preparer[] preparers = new Preparer[CHUNKS];
    /** The chunk being filled (the checking thread's). */
    private Chunk filling;

    Ahead(Path dir, List<Path> segments, Start start, Visitor visitor, int chunkBytes,
        Prepare prepare) {
      this.prepare = prepare;
      this.dir = dir;
      this.segments = segments;
      this.start = start;
      this.visitor = visitor;
      this.chunkBytes = chunkBytes;
    }

    End read() throws IOException {
      for (int i = 0; prepare != Prepare.NEVER && i < CHUNKS; i++) {
        preparers[i] = visitor.preparer();
      }
      Thread checker = new Thread(this::checkAll, "linli-journal-check " + dir);
      checker.setDaemon(true);
      checker.start();
      try {
        // Two arrays taking turns, as the single-threaded read gives them: a record's hash
        // array is overwritten two records later.
        byte[][] hashes = {new byte[Segments.HASH_BYTES], new byte[Segments.HASH_BYTES]};
        int turn = 0;
        while (true) {
          Chunk c = take();
          if (c.count > 0) {
            visitor.prepared(c.prepared ? c.preparer : null);
          }
          for (int i = 0; i < c.count; i++) {
            byte[] hash = hashes[turn];
            turn ^= 1;
            int from = c.from[i];
            int length = c.length[i];
            // Checked equal to the chain hash computed from the bytes.
            System.arraycopy(c.data, from + length - Segments.HASH_BYTES, hash, 0,
                Segments.HASH_BYTES);
            deliver(visitor, c.file, c.offset[i], c.firstIndex + i, c.data, from, length, hash);
          }
          if (c.end != null) {
            return c.end;
          }
          if (c.failure != null) {
            throw rethrow(c.failure);
          }
          free.add(c);
        }
      } finally {
        checker.interrupt();
        boolean interrupted = false;
        while (true) {
          try {
            checker.join();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** The next chunk, waiting as long as it takes (the reading alone would not stop either). */
    private Chunk take() {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return full.take();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private static IOException rethrow(Throwable t) throws IOException {
      if (t instanceof IOException e) {
        throw e;
      }
      if (t instanceof RuntimeException e) {
        throw e;
      }
      if (t instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException(t);
    }

    /** The checking thread: checks every frame, then sends its outcome after the records. */
    private void checkAll() {
      Chunk last;
      try {
        End end = check(segments, start, this::keep);
        last = filling != null ? filling : new Chunk(0);
        last.end = end;
      } catch (Stopped e) {
        return;
      } catch (Throwable t) {
        // Whatever the check threw (corruption, I/O, a bug) is the reading thread's to throw.
        last = filling != null ? filling : new Chunk(0);
        last.failure = t;
      }
      filling = null;
      full.add(last);
    }

    /** Copies a checked record into the chunk being filled, sending it when full. */
    private void keep(Path file, long offset, long index, byte[] body, int from, int length,
        byte[] hash) {
      Chunk c = filling;
      if (c != null && (c.file != file || c.used > 0 && c.used + length > c.data.length)) {
        full.add(c);
        c = null;
      }
      if (c == null) {
        c = nextFree(length);
        c.file = file;
        c.firstIndex = index;
        filling = c;
      }
      c.add(offset, body, from, length);
      if (c.prepared) {
        int at = c.from[c.count - 1];
        c.preparer.prepare(index, c.data[at + 1], c.data, at + 2,
            length - 2 - Segments.HASH_BYTES);
      }
    }

    /** A chunk to fill, empty, with room for at least {@code length} bytes. */
    private Chunk nextFree(int length) {
      Chunk c;
      if (made < CHUNKS) {
        c = new Chunk(chunkBytes);
        c.preparer = preparers[made];
        made++;
      } else {
        try {
          c = free.take();
        } catch (InterruptedException e) {
          throw new Stopped();
        }
      }
      c.clear(length);
      c.prepared = c.preparer != null
          && (prepare == Prepare.ALWAYS || prepare == Prepare.WHEN_AHEAD && !full.isEmpty());
      return c;
    }
  }

  /** The reading thread is done (it stopped the checking thread). */
  private static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super(null, null, false, false);
    }
  }

  /** Checked records of one segment back to back, and where each came from. */
  private static final class Chunk {
    byte[] data;
    int used;
    int count;
    int[] from = new int[64];
    int[] length = new int[64];
    long[] offset = new long[64];
    Path file;
    long firstIndex;
    /** Reads the chunk's records ahead for the visitor, or null. */
    Preparer preparer;
    /** Whether {@link #preparer} reads this filling's records. */
    boolean prepared;
    /** Set on the last chunk: how the read ended, or what it threw. */
    End end;
    Throwable failure;

    Chunk(int bytes) {
      data = new byte[bytes];
    }

    void clear(int room) {
      used = 0;
      count = 0;
      file = null;
      if (data.length < room) {
        data = new byte[room];
      }
      if (preparer != null) {
        preparer.clear();
      }
    }

    void add(long at, byte[] body, int bodyFrom, int bodyLength) {
      if (count == from.length) {
        from = Arrays.copyOf(from, count * 2);
        length = Arrays.copyOf(length, count * 2);
        offset = Arrays.copyOf(offset, count * 2);
      }
      System.arraycopy(body, bodyFrom, data, used, bodyLength);
      from[count] = used;
      length[count] = bodyLength;
      offset[count] = at;
      count++;
      used += bodyLength;
    }
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
