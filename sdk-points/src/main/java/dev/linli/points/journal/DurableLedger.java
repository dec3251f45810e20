package dev.linli.points.journal;

import dev.linli.core.internal.Sha256;
import dev.linli.core.InvalidValueException;
import dev.linli.points.Ledger;
import dev.linli.points.internal.LedgerAccess;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Ledger} whose every state change is appended to a journal on disk before the call that
 * made it returns, recovered by replaying the journal when opened again.
 *
 * <p>Use {@link #ledger()} exactly like an in-memory ledger (and with {@code TimeBank},
 * {@code Catalogue} and the reports): the journal is invisible except that calls wait for the disk
 * as {@link Durability} says, and that after an I/O error every call throws
 * {@link JournalFailedException} until the ledger is reopened. Concurrent callers share one
 * {@code fsync} (group commit), so many writers cost little more than one. No call returns having
 * seen a change the journal could still lose.
 *
 * <p><b>Recovery.</b> Opening replays the journal's records in order, verifying each record's
 * CRC32C and SHA-256 chain hash, and rebuilds exactly the state the ledger had (transfers,
 * balances, lots, holds, idempotency) without consulting the clock. A partial or damaged last
 * record (a crash during its write, or damage since: the bytes cannot tell which) is removed,
 * logged (SLF4J, WARN) and reported in {@link #openReport()}; damage anywhere else throws
 * {@link JournalCorruptedException} naming the file and offset: nothing is ever skipped. Only
 * snapshots bound to the journal by the SHA-256 it recorded for them are loaded.
 *
 * <p><b>Threads.</b> With more than one core and at least 4 MiB of journal to replay (unless its
 * records are bulk batches of 64 KiB or more), opening (and {@link #readOnly}) checks the frames (CRC32C, segment headers, SHA-256 chain) on a second
 * thread, a daemon named {@code linli-journal-check <dir>}, which runs up to about a megabyte
 * ahead of the thread that applies the records (and, while ahead, decodes transfer records for
 * it); no record is applied before its checks have passed, and a damaged journal fails exactly as
 * it would read on one thread. That thread has
 * ended when the call returns or throws. The only thread an open ledger keeps is the background
 * snapshotter of {@link JournalOptions.Builder#snapshotEvery}.
 *
 * <p><b>One writer.</b> A journal directory is locked (an OS file lock on {@code LOCK}) while
 * open; a second open, from this or another process, throws {@link JournalLockedException}.
 *
 * <p>Thread-safe. Close it to release the lock; closing forces the journal.
 *
 * @since 0.1.0
 */
public final class DurableLedger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DurableLedger.class);
  private final Path dir;
  private final Ledger ledger;
  private final JournalWriter writer;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final OpenReport report;
  private final RecordCodec.Config config;
  /** Serialises snapshots (the caller's and the background one's). */
  private final ReentrantLock snapshotLock = new ReentrantLock();
  /** Guards the background snapshotter's state below. */
  private final ReentrantLock stateLock = new ReentrantLock();
  private final Condition stopping = stateLock.newCondition();
  private boolean closing;
  /** Records covered by the last snapshot, or reached by the last failed background attempt. */
  private long snapshotRecords;
  private JournalFailedException snapshotFailure;
  private final Thread snapshotter;

  private final dev.linli.points.FactLog facts;

  private DurableLedger(Path dir, Ledger ledger, JournalWriter writer, FileChannel lockChannel,
      FileLock lock, OpenReport report, RecordCodec.Config config, long snapshotEvery) {
    this.facts = new JournalFacts(dir, ledger, writer).asLog();
    this.config = config;
    this.dir = dir;
    this.ledger = ledger;
    this.writer = writer;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.report = report;
    this.snapshotRecords = report.snapshotRecords();
    if (snapshotEvery > 0) {
      snapshotter = new Thread(() -> snapshotEvery(snapshotEvery),
          "linli-journal-snapshot " + dir);
      snapshotter.setDaemon(true);
      snapshotter.start();
    } else {
      snapshotter = null;
    }
  }

  /** The background snapshotter: looks once a second, until the ledger closes. */
  private void snapshotEvery(long records) {
    stateLock.lock();
    try {
      while (!closing) {
        stopping.awaitNanos(TimeUnit.SECONDS.toNanos(1));
        long written = writer.writtenRecords();
        if (closing || written - snapshotRecords < records) {
          continue;
        }
        stateLock.unlock();
        boolean failed = false;
        try {
          snapshot();
        } catch (JournalFailedException e) {
          // The journal is the record; a missing snapshot only makes the next open slower.
          LOG.warn("Background snapshot of the journal in {} failed (next try after another {}"
              + " records): {}", dir, records, e.getMessage(), e);
          failed = true;
        } finally {
          stateLock.lock();
        }
        if (failed) {
          // Not again every second (each try copies the whole state under the ledger's lock):
          // the next try comes after another `records` records.
          snapshotRecords = Math.max(snapshotRecords, written);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stateLock.unlock();
    }
  }

  /**
   * Returns the log in which the points services built on this ledger ({@code Volunteering},
   * {@code WishBoard}, ...) keep their state, in this journal: a service step and the ledger
   * changes it made are written as one record, so a crash keeps both or neither, and reopening
   * the journal gives each service back its state. Always the same log.
   *
   * @return the log
   * @since 0.3.0
   */
  public dev.linli.points.FactLog facts() {
    return facts;
  }

  /**
   * Returns why the last snapshot could not be written, if it could not; a later successful
   * snapshot clears it.
   *
   * @return the failure, or empty
   */
  public Optional<JournalFailedException> lastSnapshotFailure() {
    stateLock.lock();
    try {
      return Optional.ofNullable(snapshotFailure);
    } finally {
      stateLock.unlock();
    }
  }

  /**
   * Opens the journal in {@code dir}, creating it (and the directory) if there is none, and
   * recovers the ledger it records, with {@link JournalOptions#defaults()}.
   *
   * @param dir the journal's directory, not null
   * @param ledger the ledger's settings: its clock, and the zone and lot expiry of a new journal
   *     (an existing journal keeps its own; setting others fails), not null
   * @return the open ledger; close it when done
   * @throws JournalLockedException if the journal is open elsewhere
   * @throws JournalCorruptedException if a record other than a torn last one is damaged
   * @throws JournalFailedException if the journal cannot be read or written
   * @throws InvalidValueException if {@code ledger} sets a zone or lot expiry other than the
   *     journal's
   */
  public static DurableLedger open(Path dir, Ledger.Builder ledger) {
    return open(dir, ledger, JournalOptions.defaults());
  }

  /**
   * Opens the journal in {@code dir}, creating it (and the directory) if there is none, and
   * recovers the ledger it records. The ledger is configured by {@code ledger} as
   * {@link Ledger.Builder#build()} would configure it; the journal records that configuration
   * when it is created, and reopening uses the journal's (so a builder that sets no zone and no lot
   * expiry reopens any journal).
   *
   * @param dir the journal's directory, not null
   * @param ledger the ledger's settings: its clock, and the zone and lot expiry of a new journal
   *     (an existing journal keeps its own; setting others fails), not null
   * @param journal the journal's durability, segment size and snapshots, not null
   * @return the open ledger; close it when done
   * @throws JournalLockedException if the journal is open elsewhere
   * @throws JournalCorruptedException if a record other than a torn last one is damaged
   * @throws JournalFailedException if the journal cannot be read or written
   * @throws InvalidValueException if {@code ledger} sets a zone or lot expiry other than the
   *     journal's
   */
  public static DurableLedger open(Path dir, Ledger.Builder ledger, JournalOptions journal) {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(journal, "journal");
    return open(dir, journal.withLedger(ledger));
  }

  /**
   * Opens the journal in {@code dir} for a ledger with the default settings of
   * {@link Ledger#builder()} (the system clock; the zone and lot expiry the journal records, or
   * none for a new one).
   *
   * @param dir the journal's directory, not null
   * @param options the journal's durability, segment size and snapshots, not null
   * @return the open ledger; close it when done
   * @throws JournalLockedException if the journal is open elsewhere
   * @throws JournalCorruptedException if a record other than a torn last one is damaged
   * @throws JournalFailedException if the journal cannot be read or written
   */
  public static DurableLedger open(Path dir, JournalOptions options) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(dir);
      lockChannel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new JournalLockedException("the journal in " + dir + " is already open for writing"
            + " (by this or another process); close that ledger first, or open a copy read-only"
            + " with JournalVerifier");
      }
      try {
        return recover(dir, options, lockChannel, lock);
      } catch (RuntimeException | IOException e) {
        lock.release();
        throw e;
      }
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new JournalFailedException("cannot open the journal in " + dir + ": " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(lockChannel);
      throw e;
    }
  }

  private static DurableLedger recover(Path dir, JournalOptions options, FileChannel lockChannel,
      FileLock lock) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path tmp : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".tmp"))::iterator) {
        Files.delete(tmp);
      }
    }
    LedgerAccess access = LedgerAccess.get();
    if (Segments.list(dir).isEmpty()) {
      RecordCodec.Config config = options.config();
      Path first = dir.resolve(Segments.fileName(0));
      Path tmp = dir.resolve(Segments.fileName(0) + ".tmp");
      RecordCodec.Encoder payload = new RecordCodec.Encoder(256);
      RecordCodec.encodeConfig(config, payload);
      RecordCodec.Encoder record = new RecordCodec.Encoder(512);
      byte[] hash = new byte[Segments.HASH_BYTES];
      Segments.frame(RecordCodec.CONFIG, payload.buf, payload.size, Segments.GENESIS,
          Sha256.newDigest(), new java.util.zip.CRC32C(), record, hash);
      try (FileChannel t = options.opener().open(tmp)) {
        Segments.writeFully(t, Segments.header(0, Segments.GENESIS));
        Segments.writeFully(t, java.nio.ByteBuffer.wrap(record.buf, 0, record.size));
        t.force(true);
      }
      Files.move(tmp, first, StandardCopyOption.ATOMIC_MOVE);
      forceDirectory(dir);
      Ledger ledger = build(config, options);
      JournalWriter writer = new JournalWriter(dir, options, first,
          JournalWriter.openForAppend(options.opener(), first), 1, hash);
      writer.locateLast(first, Segments.HEADER_BYTES);
      access.attach(ledger, writer);
      return new DurableLedger(dir, ledger, writer, lockChannel, lock,
          new OpenReport(true, 1, 1, 0, Optional.empty()), config, options.snapshotEvery());
    }
    Replayed replayed = replay(dir, options);
    Ledger[] ledger = {replayed.ledger()};
    RecordCodec.Config[] config = {replayed.config()};
    JournalReader.End end = replayed.end();
    long fromSnapshot = replayed.fromSnapshot();
    Optional<OpenReport.TornTail> torn = Optional.empty();
    if (end.torn() != null) {
      JournalReader.Torn t = end.torn();
      LOG.warn("Journal {}: removing its last record, which is torn or damaged: record {} at"
          + " byte {} of {} ({} bytes, {} transfers): {}. A crash during its write leaves such a"
          + " record (its change was never acknowledged); damage to a complete record looks the"
          + " same, and then an acknowledged change is lost: keep a checkpoint to tell.",
          dir, t.recordIndex(), t.offset(), t.segment(), t.bytes(),
          t.transfers() < 0 ? "unknown" : t.transfers(), t.reason());
      if (t.segment().equals(end.lastSegment())) {
        try (FileChannel ch = FileChannel.open(t.segment(), StandardOpenOption.WRITE)) {
          ch.truncate(t.offset());
          ch.force(true);
        }
      } else {
        Files.delete(t.segment());
        forceDirectory(dir);
      }
      torn = Optional.of(OpenReport.TornTail.of(t));
    }
    JournalWriter writer = new JournalWriter(dir, options, end.lastSegment(),
        JournalWriter.openForAppend(options.opener(), end.lastSegment()), end.records(),
        end.lastHash());
    writer.locateLast(end.lastRecordSegment(), end.lastRecordOffset());
    access.attach(ledger[0], writer);
    return new DurableLedger(dir, ledger[0], writer, lockChannel, lock,
        new OpenReport(false, end.records(), end.records() - fromSnapshot, fromSnapshot, torn),
        config[0], options.snapshotEvery());
  }

  /** What replaying a journal (from its newest good snapshot) gives. */
  private record Replayed(Ledger ledger, RecordCodec.Config config, JournalReader.End end,
      long fromSnapshot) {}

  /**
   * Restores the newest snapshot that matches the journal and is bound to it, and replays the
   * records after it (or the whole journal); changes no file. Logs every snapshot it passes over
   * and why, and what it replayed.
   */
  private static Replayed replay(Path dir, JournalOptions options) throws IOException {
    long started = System.nanoTime();
    LedgerAccess access = LedgerAccess.get();
    Ledger[] ledger = new Ledger[1];
    RecordCodec.Config[] config = new RecordCodec.Config[1];
    JournalReader.Start start = null;
    long fromSnapshot = 0;
    Path used = null;
    List<Path> snapshots = Snapshots.list(dir);
    for (int i = snapshots.size() - 1; i >= 0 && start == null; i--) {
      Snapshots.Loaded snap;
      try {
        snap = Snapshots.read(snapshots.get(i));
      } catch (Snapshots.Unusable e) {
        LOG.warn("Snapshot {} ignored (opening replays the journal instead): {}",
            snapshots.get(i), e.getMessage());
        continue;
      }
      long length = coveredRecordLength(snap);
      if (length < 0) {
        LOG.warn("Snapshot {} ignored (opening replays the journal instead): {}", snap.file(),
            notInJournal(snap));
        continue;
      }
      JournalReader.Start after = new JournalReader.Start(snap.segment(), snap.offset() + length,
          snap.records(), snap.hash(), snap.offset());
      String unbound = bindingProblem(snap, findBinding(dir, after, snap.records()));
      if (unbound != null) {
        LOG.warn("Snapshot {} ignored (opening replays the journal instead): {}", snap.file(),
            unbound);
        continue;
      }
      if (options.configured() && !snap.config().equals(options.config())) {
        throw configMismatch(snap.config(), options.config());
      }
      ledger[0] = build(snap.config(), options);
      try {
        access.restore(ledger[0], snap.state());
      } catch (IllegalStateException e) {
        // Checked and bound, so a bug rather than damage; the journal is still the record.
        LOG.warn("Snapshot {} ignored (opening replays the journal instead): its state is"
            + " inconsistent: {}", snap.file(), e.getMessage());
        ledger[0] = null;
        continue;
      }
      config[0] = snap.config();
      start = after;
      fromSnapshot = snap.records();
      used = snap.file();
    }
    JournalReader.End end = replayRecords(dir, start, options, ledger, config, null);
    if (ledger[0] == null) {
      throw new JournalCorruptedException(end.lastSegment() == null ? dir : end.lastSegment(),
          Segments.HEADER_BYTES, 0, "the journal has no configuration record");
    }
    LOG.info("Recovered the ledger in {}: {} records, {} of them from snapshot {}, {} replayed"
        + " in {} ms", dir, end.records(), fromSnapshot, used == null ? "(none)" : used,
        end.records() - fromSnapshot, (System.nanoTime() - started) / 1_000_000);
    return new Replayed(ledger[0], config[0], end, fromSnapshot);
  }

  /** Why a snapshot whose covered record is not where it says cannot be used. */
  static String notInJournal(Snapshots.Loaded snap) {
    return "the record it says it ends with (record " + (snap.records() - 1) + " at byte "
        + snap.offset() + " of " + snap.segment().getFileName() + ", chain hash "
        + Segments.hex(snap.hash()) + ") is not in this journal (a snapshot of another journal,"
        + " or of records since removed)";
  }

  /**
   * Why a snapshot is not bound to the journal by {@code binding} (the first binding record for
   * its record count, or null), or null if it is.
   */
  static String bindingProblem(Snapshots.Loaded snap, Bound binding) {
    if (binding == null) {
      return "no journal record binds its SHA-256 " + Segments.hex(snap.digest())
          + " (written just before a crash, or copied in from elsewhere)";
    }
    if (!binding.digest().equals(Segments.hex(snap.digest()))) {
      return "its SHA-256 is " + Segments.hex(snap.digest()) + " but record " + binding.index()
          + " bound it to " + binding.digest() + " when it was written (the file was altered)";
    }
    return null;
  }

  /** A snapshot binding found in the journal, with the index of the record carrying it. */
  record Bound(long index, long records, String digest) {}

  /** Stops a scan at the binding it looks for. */
  private static final class Found extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Bound bound;

    Found(Bound bound) {
      super(null, null, false, false);
      this.bound = bound;
    }
  }

  /**
   * Reads the journal from {@code after} (without applying anything) to the first record that
   * binds a snapshot of {@code records} records: normally the next few records.
   */
  private static Bound findBinding(Path dir, JournalReader.Start after, long records)
      throws IOException {
    RecordCodec.Decoder decoder = new RecordCodec.Decoder();
    try {
      JournalReader.read(dir, after, (index, type, body, off, len, hash) -> {
        if (type == RecordCodec.SNAPSHOT_TAKEN) {
          decoder.resetRecord(body, off, len);
          RecordCodec.Binding b = RecordCodec.decodeBinding(decoder);
          if (b.records() == records) {
            throw new Found(new Bound(index, b.records(), b.digest()));
          }
        }
      });
      return null;
    } catch (Found f) {
      return f.bound;
    }
  }

  /**
   * Replays the records from {@code start} (or the journal's beginning) into {@code ledger[0]},
   * building it from record 0's configuration when starting at the beginning; {@code also}, if
   * given, sees every record's chain hash and index, and the snapshot binding it carries (or
   * null). Shared by recovery and the verifier.
   */
  static JournalReader.End replayRecords(Path dir, JournalReader.Start start,
      JournalOptions options, Ledger[] ledger, RecordCodec.Config[] config, Seen also)
      throws IOException {
    return replayRecords(dir, start, options, ledger, config, also, true, null);
  }

  /**
   * As {@link #replayRecords(Path, JournalReader.Start, JournalOptions, Ledger[],
   * RecordCodec.Config[], Seen)}; {@code fieldByField} false decodes every transfer record as a
   * {@link dev.linli.points.internal.LedgerEvent} of {@code Transfer} records (the general path,
   * which the tests compare the field-by-field one with) instead of reading its fields in place;
   * {@code inPlace}, if given, counts in its element the transfers applied from their fields.
   */
  static JournalReader.End replayRecords(Path dir, JournalReader.Start start,
      JournalOptions options, Ledger[] ledger, RecordCodec.Config[] config, Seen also,
      boolean fieldByField, long[] inPlace) throws IOException {
    return replayRecords(dir, start, options, ledger, config, also, fieldByField, inPlace, null,
        JournalReader.CHUNK_BYTES, null);
  }

  /**
   * As {@link #replayRecords(Path, JournalReader.Start, JournalOptions, Ledger[],
   * RecordCodec.Config[], Seen, boolean, long[])}, reading as {@link JournalReader#read(Path,
   * JournalReader.Start, JournalReader.Visitor, boolean, int, JournalReader.Prepare)} does with
   * {@code ahead}, {@code chunkBytes} and {@code prepare}, or as {@link JournalReader#read(Path, JournalReader.Start,
   * JournalReader.Visitor)} decides if {@code ahead} is null: for the tests that hold the two
   * ways of reading to the same outcome.
   */
  static JournalReader.End replayRecords(Path dir, JournalReader.Start start,
      JournalOptions options, Ledger[] ledger, RecordCodec.Config[] config, Seen also,
      boolean fieldByField, long[] inPlace, Boolean ahead, int chunkBytes,
      JournalReader.Prepare prepare) throws IOException {
    Replayer visitor = new Replayer(options, ledger, config, also, fieldByField, inPlace);
    try {
      return ahead == null ? JournalReader.read(dir, start, visitor)
          : JournalReader.read(dir, start, visitor, ahead, chunkBytes, prepare);
    } catch (ConfigMismatch e) {
      throw configMismatch(e.journal, e.options);
    }
  }

  /**
   * Replays each record it is handed into {@code ledger[0]}. A transfers-applied record is read
   * field by field (unless told not to): on this thread, or, when the reader checks the journal
   * ahead on a second thread, by a {@link TransfersAhead} there, whose records this thread then
   * takes in order; a record that did not read throws here what its reading threw there.
   */
  private static final class Replayer implements JournalReader.Visitor {
    private final LedgerAccess access = LedgerAccess.get();
    private final RecordCodec.Decoder decoder = new RecordCodec.Decoder();
    private final JournalOptions options;
    private final Ledger[] ledger;
    private final RecordCodec.Config[] config;
    private final Seen also;
    private final long[] inPlace;
    /** Reads on this thread; null if transfers are decoded as events. */
    private final RecordCodec.Transfers transfers;
    private final RecordCodec.Tags tags = new RecordCodec.Tags();
    /** Decodes transfers on the checking thread, for every preparer (only that thread uses it). */
    private final RecordCodec.Decoder aheadDecoder = new RecordCodec.Decoder();
    private TransfersAhead prepared;
    private int next;

    Replayer(JournalOptions options, Ledger[] ledger, RecordCodec.Config[] config, Seen also,
        boolean fieldByField, long[] inPlace) {
      this.options = options;
      this.ledger = ledger;
      this.config = config;
      this.also = also;
      this.inPlace = inPlace;
      this.transfers = fieldByField ? new RecordCodec.Transfers() : null;
    }

    @Override
    public JournalReader.Preparer preparer() {
      return transfers == null ? null : new TransfersAhead(aheadDecoder);
    }

    @Override
    public void prepared(JournalReader.Preparer preparer) {
      prepared = (TransfersAhead) preparer;
      next = 0;
    }

    @Override
    public void record(long index, byte type, byte[] body, int off, int len, byte[] hash) {
      decoder.resetRecord(body, off, len);
      Bound bound = null;
      if (index == 0) {
        if (type != RecordCodec.CONFIG) {
          throw new IllegalArgumentException("the first record must be the configuration");
        }
        config[0] = RecordCodec.decodeConfig(decoder);
        if (options.configured() && !config[0].equals(options.config())) {
          throw new ConfigMismatch(config[0], options.config());
        }
        ledger[0] = build(config[0], options);
      } else if (type == RecordCodec.SNAPSHOT_TAKEN) {
        RecordCodec.Binding b = RecordCodec.decodeBinding(decoder);
        bound = new Bound(index, b.records(), b.digest());
      } else if (type == RecordCodec.SERVICE_STEP) {
        RecordCodec.decodeStep(decoder, e -> access.replay(ledger[0], e), null);
      } else if (type == RecordCodec.TRANSFERS_APPLIED && transfers != null) {
        RecordCodec.Transfers t;
        if (prepared != null) {
          t = prepared.transfers;
          t.select(next++);
        } else {
          t = transfers;
          t.clear();
          t.read(decoder);
        }
        t.useTags(tags);
        int n = access.replay(ledger[0], t);
        if (inPlace != null) {
          inPlace[0] += n;
        }
      } else {
        access.replay(ledger[0], RecordCodec.decode(type, decoder));
      }
      if (also != null) {
        also.record(index, hash, bound);
      }
    }
  }

  /**
   * Reads the transfers-applied records of a chunk field by field on the checking thread (the
   * same reading as {@link Replayer}'s own, failures kept for the record they belong to).
   */
  private static final class TransfersAhead implements JournalReader.Preparer {
    final RecordCodec.Transfers transfers = new RecordCodec.Transfers();
    private final RecordCodec.Decoder decoder;

    TransfersAhead(RecordCodec.Decoder decoder) {
      this.decoder = decoder;
    }

    @Override
    public void clear() {
      transfers.clear();
    }

    @Override
    public void prepare(long index, byte type, byte[] body, int off, int len) {
      // Record 0 is the configuration (the replayer refuses anything else there).
      if (index > 0 && type == RecordCodec.TRANSFERS_APPLIED) {
        decoder.resetRecord(body, off, len);
        transfers.prepare(decoder);
      }
    }
  }

  /** Sees each record replayed: its index, chain hash and snapshot binding (or null). */
  interface Seen {
    void record(long index, byte[] hash, Bound binding);
  }

  /**
   * Reads the ledger recorded in {@code dir} into memory without opening the journal for writing:
   * it takes no lock and changes no file (a torn last record is left for the next
   * {@link #open} to remove, and ignored here), so it works on a copy, on a read-only medium and
   * next to a process that has the journal open (it then sees what was written so far). Records
   * are checked as {@link #open} checks them. The ledger returned is detached: changes made to it
   * are not journaled.
   *
   * @param dir the journal's directory
   * @return the ledger as of the journal's last complete record, with the system clock
   * @throws JournalCorruptedException if a record other than a torn last one is damaged, or
   *     there is no journal in {@code dir}
   * @throws JournalFailedException if the journal cannot be read
   */
  public static Ledger readOnly(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      if (Segments.list(dir).isEmpty()) {
        throw new JournalCorruptedException(dir, 0, 0,
            "there is no journal here (no segment files); give the directory a durable ledger"
            + " was opened in");
      }
      return replay(dir, JournalOptions.builder().build()).ledger();
    } catch (IOException e) {
      throw new JournalFailedException("cannot read the journal in " + dir + ": " + e, e);
    }
  }

  private static InvalidValueException configMismatch(RecordCodec.Config journal,
      RecordCodec.Config options) {
    return new InvalidValueException("ledger", options.toString(),
        "must match the journal's configuration " + journal
        + " (or leave zone and expiry unset to use the journal's)");
  }

  /**
   * Checks a snapshot against the journal: the record it says it ends with is where it says, is
   * intact, and carries the chain hash it claims. Returns that record's length, or -1 if not.
   */
  static long coveredRecordLength(Snapshots.Loaded snap) throws IOException {
    if (!Files.isRegularFile(snap.segment())) {
      return -1;
    }
    try (FileChannel ch = FileChannel.open(snap.segment(), StandardOpenOption.READ)) {
      java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(Segments.FRAME_BYTES);
      if (snap.offset() < Segments.HEADER_BYTES || ch.read(frame, snap.offset()) != frame.limit()) {
        return -1;
      }
      frame.flip();
      int length = frame.getInt();
      if (frame.getInt() != ~length || length < Segments.MIN_BODY || length > Segments.MAX_BODY) {
        return -1;
      }
      java.nio.ByteBuffer body = java.nio.ByteBuffer.allocate(length);
      while (body.hasRemaining()
          && ch.read(body, snap.offset() + Segments.FRAME_BYTES + body.position()) > 0) {
        // positional reads until the record is in
      }
      if (body.hasRemaining()) {
        return -1;
      }
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(body.array(), 0, length);
      boolean ok = (int) crc.getValue() == frame.getInt()
          && java.util.Arrays.equals(body.array(), length - Segments.HASH_BYTES, length,
              snap.hash(), 0, Segments.HASH_BYTES);
      return ok ? Segments.FRAME_BYTES + length : -1;
    }
  }

  /**
   * Writes a snapshot of the ledger's full state (balances, lots, holds, transfers, idempotency)
   * covering every record so far, so that the next open restores it and replays only the records
   * after it. The snapshot names the journal position and chain hash it covers; opening checks
   * them against the journal and ignores a snapshot that does not match (or is damaged), replaying
   * the journal instead. Writes wait while the state is captured (not while it is written). Keeps
   * the two newest snapshots.
   *
   * @return the snapshot file
   * @throws JournalFailedException if the journal has failed or the snapshot cannot be written
   */
  public Path snapshot() {
    return snapshot(true, state -> state);
  }

  /**
   * Writes a snapshot as {@link #snapshot()} does, in the current format ({@code asColumns}) or in
   * format 1 (transfers as records), of the state {@code alter} makes of the ledger's: only tests
   * pass other than the current format and the state as it is (of the format 1 reader, and of a
   * bound snapshot whose state does not restore).
   */
  Path snapshot(boolean asColumns,
      java.util.function.UnaryOperator<dev.linli.points.internal.LedgerState> alter) {
    snapshotLock.lock();
    try {
      LedgerAccess access = LedgerAccess.get();
      Object[] captured;
      // No service step may be half collected: its ledger changes are not in the journal yet.
      writer.stepLock.lock();
      try {
        captured = access.underLock(ledger, () -> {
          writer.checkUsable();
          return new Object[] {writer.forceAndLocate(), access.export(ledger, asColumns)};
        });
      } catch (JournalFailedException e) {
        setSnapshotOutcome(-1, e);
        throw e;
      } finally {
        writer.stepLock.unlock();
      }
      JournalWriter.Position at = (JournalWriter.Position) captured[0];
      Path file;
      try {
        Snapshots.Written written = Snapshots.write(dir, at, config,
            alter.apply((dev.linli.points.internal.LedgerState) captured[1]));
        file = written.file();
        bind(new RecordCodec.Binding(at.records(), Segments.hex(written.digest())));
        List<Path> all = Snapshots.list(dir);
        for (int i = 0; i < all.size() - 2; i++) {
          Files.deleteIfExists(all.get(i));
        }
      } catch (IOException e) {
        JournalFailedException failure = new JournalFailedException("cannot write a snapshot in "
            + dir + ": " + e, e);
        setSnapshotOutcome(-1, failure);
        throw failure;
      } catch (JournalFailedException e) {
        setSnapshotOutcome(-1, e);
        throw e;
      }
      setSnapshotOutcome(at.records(), null);
      return file;
    } finally {
      snapshotLock.unlock();
    }
  }

  /**
   * Appends the record binding a snapshot's digest to the chain and waits until it is forced: a
   * snapshot no record binds is never loaded, so that an edited snapshot (with recomputed CRCs)
   * cannot change the books.
   */
  private void bind(RecordCodec.Binding binding) {
    LedgerAccess access = LedgerAccess.get();
    long ticket = access.underLock(ledger, () -> {
      writer.checkUsable();
      RecordCodec.encodeBinding(binding, writer.payloadBuffer());
      writer.appendRecord(RecordCodec.SNAPSHOT_TAKEN);
      return writer.appended();
    });
    writer.awaitDurable(ticket, true);
  }

  private void setSnapshotOutcome(long records, JournalFailedException failure) {
    stateLock.lock();
    try {
      if (records >= 0) {
        snapshotRecords = records;
      }
      snapshotFailure = failure;
    } finally {
      stateLock.unlock();
    }
  }

  /** Stops a read at record 0 when the options name another configuration. */
  private static final class ConfigMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient RecordCodec.Config journal;
    final transient RecordCodec.Config options;

    ConfigMismatch(RecordCodec.Config journal, RecordCodec.Config options) {
      super(null, null, false, false);
      this.journal = journal;
      this.options = options;
    }
  }

  static Ledger build(RecordCodec.Config config, JournalOptions options) {
    Ledger.Builder b = Ledger.builder().clock(options.clock()).zone(ZoneId.of(config.zone()));
    for (RecordCodec.Expiry e : config.expiries()) {
      b.expireLots(e.asset(), e.lifetime(), e.sinkAccountId());
    }
    return b.build();
  }

  static void forceDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory as a channel; the rename is then as durable as
      // the file system makes it.
      if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
        throw e;
      }
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // already failing; the first error is the one reported
      }
    }
  }

  /**
   * Returns the ledger; every change to it is journaled.
   *
   * @return the ledger
   */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * Returns what opening found.
   *
   * @return the report
   */
  public OpenReport openReport() {
    return report;
  }

  /**
   * Returns the journal's directory.
   *
   * @return the directory
   */
  public Path directory() {
    return dir;
  }

  /**
   * Forces every change so far to disk and returns a checkpoint of the journal's end, stamped by
   * the ledger's clock, for the embedder to sign ({@link Checkpoint#sign}) and keep elsewhere.
   *
   * @return the checkpoint
   * @throws JournalFailedException if the journal has failed
   */
  public Checkpoint checkpoint() {
    return writer.checkpoint(ledger.clock().instant());
  }

  /**
   * Forces the journal, closes it and releases the lock. The ledger must not be used afterwards
   * (calls throw {@link IllegalStateException}). Idempotent.
   */
  @Override
  public void close() {
    if (snapshotter != null) {
      stateLock.lock();
      try {
        closing = true;
        stopping.signalAll();
      } finally {
        stateLock.unlock();
      }
      try {
        snapshotter.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    writer.close();
    try {
      if (lock.isValid()) {
        lock.release();
      }
      lockChannel.close();
    } catch (IOException e) {
      throw new JournalFailedException("cannot release the lock of " + dir + ": " + e, e);
    }
  }
}
