package dev.linli.points;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.time.Instant;

/**
 * Which of an account's transfers to list: a half-open time range {@code [from, to)}, optionally
 * only one code and only one counterparty. Start from {@link #all()} and narrow with the
 * {@code with...} methods. Immutable and thread-safe.
 *
 * @param from first instant included
 * @param to first instant excluded
 * @param code only transfers with this code, or null for all
 * @param counterparty only transfers with this other account, or null for all
 * @since 0.1.0
 */
public record HistoryQuery(Instant from, Instant to, String code, String counterparty) {
  /**
   * Validates the query.
   *
   * @throws InvalidValueException if the range is missing or backwards
   */
  public HistoryQuery {
    InvalidValueException.requirePresent(from, "from");
    InvalidValueException.requirePresent(to, "to");
    InvalidValueException.check(!to.isBefore(from), "to", to, "must not be before from (" + from + ")");
    Id.requireOptional(counterparty, "counterparty");
  }

  /**
   * Returns a query for every transfer.
   *
   * @return the query
   */
  public static HistoryQuery all() {
    return new HistoryQuery(Instant.MIN, Instant.MAX, null, null);
  }

  /**
   * Returns this query limited to {@code [from, to)}.
   *
   * @param from first instant included
   * @param to first instant excluded
   * @return the query
   */
  public HistoryQuery between(Instant from, Instant to) {
    return new HistoryQuery(from, to, code, counterparty);
  }

  /**
   * Returns this query limited to one code.
   *
   * @param value the code
   * @return the query
   */
  public HistoryQuery withCode(String value) {
    return new HistoryQuery(from, to, value, counterparty);
  }

  /**
   * Returns this query limited to transfers with one other account.
   *
   * @param value the other account's id
   * @return the query
   */
  public HistoryQuery withCounterparty(String value) {
    return new HistoryQuery(from, to, code, value);
  }

  /**
   * Returns whether {@code t}, a transfer of {@code accountId}, matches.
   *
   * @param accountId the account whose history is listed
   * @param t one of its transfers
   * @return true if it is in range and matches the filters
   */
  public boolean matches(String accountId, Transfer t) {
    return !t.timestamp().isBefore(from) && t.timestamp().isBefore(to)
        && (code == null || code.equals(t.code()))
        && (counterparty == null || counterparty.equals(t.counterparty(accountId)));
  }
}
