package dev.linli.points;

import dev.linli.core.internal.Csv;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * An account statement (对账单) for {@code [from, to)}: the balance before, every transfer with the
 * balance after it, and the balance at the end. Posted transfers only; holds are not part of a
 * statement. Amounts are whole units of the account's asset. Immutable and thread-safe.
 *
 * @param accountId the account
 * @param asset its asset
 * @param from first instant included
 * @param to first instant excluded
 * @param opening the balance just before {@code from}
 * @param lines the transfers in the period, oldest first
 * @param closing the balance at the end of the period
 * @since 0.1.0
 */
public record Statement(String accountId, String asset, Instant from, Instant to, long opening,
    List<Line> lines, long closing) {
  /**
   * Copies the lines.
   */
  public Statement {
    lines = List.copyOf(lines);
  }

  /**
   * One transfer on a statement.
   *
   * @param transfer the transfer
   * @param amount how it changed the balance: negative for a debit
   * @param balance the balance after it
   */
  public record Line(Transfer transfer, long amount, long balance) {}

  /**
   * Returns the sum of the period's credits.
   *
   * @return total credited, {@code >= 0}
   */
  public long totalIn() {
    return lines.stream().mapToLong(Line::amount).filter(a -> a > 0).sum();
  }

  /**
   * Returns the sum of the period's debits, as a positive number.
   *
   * @return total debited, {@code >= 0}
   */
  public long totalOut() {
    return -lines.stream().mapToLong(Line::amount).filter(a -> a < 0).sum();
  }

  /**
   * Writes the statement as CSV: a header, one row per transfer with local times in {@code zone},
   * then an opening and a closing row.
   *
   * @param out where to write
   * @param zone the zone to show times in, such as Asia/Shanghai
   */
  public void writeCsv(Appendable out, ZoneId zone) {
    Csv.row(out, List.of("time", "transfer", "code", "counterparty", "amount", "balance",
        "operator", "user_data"));
    Csv.row(out, List.of(from.equals(Instant.MIN) ? "" : from.atZone(zone).toOffsetDateTime(),
        "", "opening", "", "", opening, "", ""));
    for (Line l : lines) {
      Transfer t = l.transfer();
      Csv.row(out, List.of(t.timestamp().atZone(zone).toOffsetDateTime(), t.id(), t.code(),
          t.counterparty(accountId), l.amount(), l.balance(),
          t.operator() == null ? "" : t.operator(), t.userData()));
    }
    Csv.row(out, List.of(to.equals(Instant.MAX) ? "" : to.atZone(zone).toOffsetDateTime(), "",
        "closing", "", "", closing, "", ""));
  }
}
