package dev.linli.points.journal;

/**
 * When a journaled ledger's call returns, relative to the disk. Every mode writes each change to
 * the journal, in order, before any later call can observe it; they differ in when the operating
 * system is made to put it on the device ({@code fsync}).
 *
 * @since 0.1.0
 */
public enum Durability {
  /**
   * A call returns after its change is on the device ({@code FileChannel.force}). Concurrent callers
   * share one force (group commit). Risks nothing a device that honours flushes can lose: a process
   * crash, a kernel panic or a power cut loses no acknowledged change.
   */
  FSYNC_EVERY_BATCH,
  /**
   * A call returns after its change is written to the operating system; a background thread forces
   * the journal every {@link JournalOptions#flushInterval()}. A process crash (even
   * {@code kill -9}) loses nothing acknowledged; a kernel panic or power cut can lose the changes
   * of the last interval (they are then missing whole, never half-applied).
   */
  FSYNC_EVERY_N_MS,
  /**
   * A call returns after its change is written to the operating system; the journal is forced only
   * when the ledger is closed. For tests and bulk imports: a process crash loses nothing
   * acknowledged, a kernel panic or power cut can lose any change since the last close.
   */
  NONE
}
