package dev.linli.points.journal;

import dev.linli.core.InvalidValueException;
import dev.linli.points.Ledger;
import dev.linli.points.LotExpiry;
import dev.linli.points.internal.LedgerAccess;
import dev.linli.points.internal.LedgerSettings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link DurableLedger} keeps its journal: durability, flush interval, segment size and
 * background snapshots. The ledger's own settings (clock, zone, lot expiry) are not here: they come
 * from the {@link Ledger.Builder} given to {@link DurableLedger#open(Path, Ledger.Builder,
 * JournalOptions)}. Immutable and thread-safe; build with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class JournalOptions {
  /** Opens a segment file for writing; replaced in fault-injection tests. */
  @FunctionalInterface
  interface ChannelOpener {
    FileChannel open(Path file) throws IOException;
  }

  private final Clock clock;
  private final ZoneId zone;
  private final List<RecordCodec.Expiry> expiries;
  private final boolean configured;
  private final Durability durability;
  private final Duration flushInterval;
  private final long segmentBytes;
  private final long snapshotEvery;
  private final ChannelOpener opener;

  private JournalOptions(Builder b) {
    this.clock = b.clock;
    this.zone = b.zone;
    this.expiries = List.copyOf(b.expiries);
    this.configured = b.configured;
    this.durability = b.durability;
    this.flushInterval = b.flushInterval;
    this.segmentBytes = b.segmentBytes;
    this.snapshotEvery = b.snapshotEvery;
    this.opener = b.opener;
  }

  /**
   * Returns a builder: {@link Durability#FSYNC_EVERY_BATCH}, 10 ms flush interval, 64 MiB segments,
   * no background snapshots.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the options with every default.
   *
   * @return the default options
   */
  public static JournalOptions defaults() {
    return builder().build();
  }

  Clock clock() {
    return clock;
  }

  /**
   * Returns the durability mode.
   *
   * @return the mode
   */
  public Durability durability() {
    return durability;
  }

  /**
   * Returns how often {@link Durability#FSYNC_EVERY_N_MS} forces the journal.
   *
   * @return the interval
   */
  public Duration flushInterval() {
    return flushInterval;
  }

  /**
   * Returns the size after which the journal starts a new segment file.
   *
   * @return bytes
   */
  public long segmentBytes() {
    return segmentBytes;
  }

  /**
   * Returns after how many new journal records a snapshot is taken in the background, or 0 if
   * snapshots are taken only by {@link DurableLedger#snapshot()}.
   *
   * @return records, {@code >= 0}
   */
  public long snapshotEvery() {
    return snapshotEvery;
  }

  ZoneId zone() {
    return zone;
  }

  List<RecordCodec.Expiry> expiries() {
    return expiries;
  }

  boolean configured() {
    return configured;
  }

  ChannelOpener opener() {
    return opener;
  }

  /** Returns these options with the ledger settings of {@code ledger}. */
  JournalOptions withLedger(Ledger.Builder ledger) {
    Builder b = new Builder();
    b.durability = durability;
    b.flushInterval = flushInterval;
    b.segmentBytes = segmentBytes;
    b.snapshotEvery = snapshotEvery;
    b.opener = opener;
    return b.ledger(ledger).build();
  }

  RecordCodec.Config config() {
    return new RecordCodec.Config(zone.getId(), expiries);
  }

  /**
   * Builds {@link JournalOptions}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private ZoneId zone = ZoneId.of("Asia/Shanghai");
    private final List<RecordCodec.Expiry> expiries = new ArrayList<>();
    private boolean configured;
    private Durability durability = Durability.FSYNC_EVERY_BATCH;
    private Duration flushInterval = Duration.ofMillis(10);
    private long segmentBytes = 64L << 20;
    private long snapshotEvery;
    private ChannelOpener opener = JournalWriter::defaultOpen;

    private Builder() {}

    /**
     * Takes the ledger's clock and configuration from {@code ledger} (what
     * {@link DurableLedger#open(Path, Ledger.Builder, JournalOptions)} does).
     */
    Builder ledger(Ledger.Builder ledger) {
      LedgerSettings settings = LedgerAccess.get().settings(ledger);
      this.clock = settings.clock();
      this.zone = settings.zone();
      this.expiries.clear();
      for (LotExpiry e : settings.expiries()) {
        expiries.add(new RecordCodec.Expiry(e.asset(), e.lifetime(), e.sinkAccountId()));
      }
      this.configured = settings.configured();
      return this;
    }

    /**
     * Sets when calls return relative to the disk.
     *
     * @param value the mode, not null
     * @return this builder
     */
    public Builder durability(Durability value) {
      this.durability = Objects.requireNonNull(value, "durability");
      return this;
    }

    /**
     * Sets how often {@link Durability#FSYNC_EVERY_N_MS} forces the journal.
     *
     * @param value between 1 ms and 10 s
     * @return this builder
     * @throws InvalidValueException if out of range
     */
    public Builder flushInterval(Duration value) {
      InvalidValueException.check(value != null && value.toMillis() >= 1
          && value.compareTo(Duration.ofSeconds(10)) <= 0, "flushInterval", value,
          "must be between PT0.001S and PT10S");
      this.flushInterval = value;
      return this;
    }

    /**
     * Sets the size after which the journal starts a new segment file.
     *
     * @param value at least 4096 bytes
     * @return this builder
     * @throws InvalidValueException if smaller
     */
    public Builder segmentBytes(long value) {
      InvalidValueException.check(value >= 4096, "segmentBytes", value, "must be >= 4096");
      this.segmentBytes = value;
      return this;
    }

    Builder opener(ChannelOpener value) {
      this.opener = Objects.requireNonNull(value, "opener");
      return this;
    }

    /**
     * Takes a snapshot in the background (a daemon thread that looks once a second) whenever
     * {@code records} journal records have been written since the last one, so that reopening
     * replays at most about that many. Writers wait only while the state is copied (a few
     * milliseconds per million transfers), not while it is written. A snapshot that cannot be
     * written is skipped (the journal is the record; {@link DurableLedger#lastSnapshotFailure()}
     * tells why). Default 0: only {@link DurableLedger#snapshot()} takes snapshots.
     *
     * @param records records between snapshots, {@code >= 1000}, or 0 for never
     * @return this builder
     * @throws InvalidValueException if {@code records} is between 1 and 999 or negative
     */
    public Builder snapshotEvery(long records) {
      InvalidValueException.check(records == 0 || records >= 1000, "snapshotEvery", records,
          "must be 0 (never) or at least 1000 records: a snapshot holds the whole state");
      this.snapshotEvery = records;
      return this;
    }

    /**
     * Returns the options.
     *
     * @return immutable options
     */
    public JournalOptions build() {
      return new JournalOptions(this);
    }
  }
}
