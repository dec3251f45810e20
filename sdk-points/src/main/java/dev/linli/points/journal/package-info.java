/**
 * The durable ledger: the same {@link dev.linli.points.Ledger}, with every change written to an
 * append-only journal before the call returns.
 *
 * <p>What lives here: {@link dev.linli.points.journal.DurableLedger} (opened with the ledger's
 * builder and {@link dev.linli.points.journal.JournalOptions}), the
 * {@link dev.linli.points.journal.Durability} modes, offline verification
 * ({@link dev.linli.points.journal.JournalVerifier}, signed
 * {@link dev.linli.points.journal.Checkpoint}s, {@link dev.linli.points.journal.Verification}) and
 * the journal's exceptions.
 *
 * <p>What it guarantees: under {@code FSYNC_EVERY_BATCH} no acknowledged change is lost; records are
 * CRC32C-framed and SHA-256-chained; recovery replays to the last complete record and reports what
 * it truncated; one process writes a journal at a time (a file lock). The format is in
 * {@code docs/formats.md}.
 *
 * @since 0.1.0
 */
package dev.linli.points.journal;
