package dev.linli.points.internal;

import java.time.Instant;

/**
 * A journal record of transfers applied together, read field by field from the record's bytes
 * rather than as a {@link LedgerEvent.TransfersApplied} of {@code Transfer} records, so that
 * replaying a record of thousands of transfers builds no object per transfer: ids stay slices of
 * {@link #bytes()}, the other strings are the reader's shared instances. The fields are as the
 * journal holds them, not yet validated (a damaged or forged journal may hold anything the format
 * can carry). Valid until the reader moves to its next record; used on the replaying thread only.
 * Not exported.
 */
public interface RecordedTransfers {

  /**
   * Returns the stamp every transfer of the record carries.
   *
   * @return the stamp
   */
  Instant stamp();

  /**
   * Returns how many transfers the record holds.
   *
   * @return at least 1
   */
  int size();

  /**
   * Returns the array the ids are slices of.
   *
   * @return the record's bytes (the reader's buffer: read, never change)
   */
  byte[] bytes();

  /**
   * Returns where the id of transfer {@code index} starts in {@link #bytes()}.
   *
   * @param index a transfer, 0 to {@code size() - 1}
   * @return the offset of its UTF-8 bytes, or -1 if the record holds a null id
   */
  int idOffset(int index);

  /**
   * Returns how many bytes the id of transfer {@code index} has.
   *
   * @param index a transfer
   * @return its byte count, 0 if null
   */
  int idLength(int index);

  /**
   * Returns the debited account's id.
   *
   * @param index a transfer
   * @return the id as recorded, possibly null
   */
  String debitAccountId(int index);

  /**
   * Returns the credited account's id.
   *
   * @param index a transfer
   * @return the id as recorded, possibly null
   */
  String creditAccountId(int index);

  /**
   * Returns the amount.
   *
   * @param index a transfer
   * @return the amount as recorded
   */
  long amount(int index);

  /**
   * Returns the code.
   *
   * @param index a transfer
   * @return the code as recorded, possibly null
   */
  String code(int index);

  /**
   * Returns the user data.
   *
   * @param index a transfer
   * @return the user data as recorded, null if none
   */
  String userData(int index);

  /**
   * Returns the id of the transfer this one reverses.
   *
   * @param index a transfer
   * @return the id, or null
   */
  String reverses(int index);

  /**
   * Returns the operator.
   *
   * @param index a transfer
   * @return the operator, or null
   */
  String operator(int index);

  /**
   * Makes {@code owner} the owner of the account tags (see {@link #accountTag}): tags attached by
   * another owner are dropped. Call before reading or attaching tags.
   *
   * @param owner the replaying ledger's engine
   */
  void tagOwner(Object owner);

  /**
   * Returns what the owner attached ({@link #tagAccount}) to the debited (or credited) account id
   * of transfer {@code index} when it met the same shared id string before, in this record or an
   * earlier one: a replay finds an account's state there without a look-up by id. Tags are a
   * cache the reader may drop at any time (when its table of shared strings drops the string).
   *
   * @param index a transfer
   * @param debit the debited account (true) or the credited one (false)
   * @return the tag, or null
   */
  Object accountTag(int index, boolean debit);

  /**
   * Attaches {@code tag} to the debited (or credited) account id of transfer {@code index}, for
   * the later records that share that id string.
   *
   * @param index a transfer
   * @param debit the debited account (true) or the credited one (false)
   * @param tag what to attach
   */
  void tagAccount(int index, boolean debit, Object tag);

  /**
   * Decodes the whole record as the event the general replay path applies: for a store that
   * keeps transfers otherwise, and for a message that names the record as that path's would.
   *
   * @return the event, built anew on every call
   */
  LedgerEvent.TransfersApplied event();
}
