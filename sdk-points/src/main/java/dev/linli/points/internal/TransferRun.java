package dev.linli.points.internal;

import dev.linli.points.Transfer;
import java.util.List;

/**
 * Transfers stored one after another (the new transfers of a linked batch) that a store keeps as
 * columns rather than objects, read field by field so the journal can encode a batch without
 * building a {@link Transfer} per row; as a {@link List} it builds them on demand. The run an
 * event carries covers a committed batch, which a store never changes, so it reads the same
 * forever; read it under the ledger's lock, or on the thread that made it, as every
 * {@link LedgerEventSink} does.
 * Indexes run from 0 to {@code size() - 1}; the field accessors return what {@code get(index)}'s
 * record would. Not exported.
 */
public interface TransferRun extends List<Transfer> {

  /**
   * Returns how many bytes the id at {@code index} has (ids are ASCII, one byte a character).
   *
   * @param index a row
   * @return the id's length, 1 to 64
   */
  int idLength(int index);

  /**
   * Copies the ASCII bytes of the id at {@code index} into {@code into} from {@code at}.
   *
   * @param index a row
   * @param into where to copy, with at least {@link #idLength} bytes free from {@code at}
   * @param at the first byte to write
   */
  void copyId(int index, byte[] into, int at);

  /**
   * Returns the debited account's id.
   *
   * @param index a row
   * @return the id
   */
  String debitAccountId(int index);

  /**
   * Returns the credited account's id.
   *
   * @param index a row
   * @return the id
   */
  String creditAccountId(int index);

  /**
   * Returns the amount.
   *
   * @param index a row
   * @return the amount, positive
   */
  long amount(int index);

  /**
   * Returns the asset.
   *
   * @param index a row
   * @return the debited account's asset
   */
  String asset(int index);

  /**
   * Returns the code.
   *
   * @param index a row
   * @return the code
   */
  String code(int index);

  /**
   * Returns the user data.
   *
   * @param index a row
   * @return the user data, {@code ""} if none
   */
  String userData(int index);

  /**
   * Returns the id of the transfer this one reverses.
   *
   * @param index a row
   * @return the id, or null
   */
  String reverses(int index);

  /**
   * Returns the operator.
   *
   * @param index a row
   * @return the operator, or null
   */
  String operator(int index);
}
