package dev.linli.points.report;

import dev.linli.core.internal.Csv;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.HistoryQuery;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Points earned and spent by members per transfer code in a period: earned is what came into member
 * accounts from pools and issuers, spent is what went out of them to merchants, pools and sinks;
 * between members (gifts) is counted apart. A reversal counts against its original's column.
 * Immutable and thread-safe.
 *
 * @param asset the asset
 * @param from first instant included
 * @param to first instant excluded
 * @param rows one per code, by code
 * @since 0.1.0
 */
public record CategoryReport(String asset, Instant from, Instant to, List<Row> rows) {
  /** Copies the rows. */
  public CategoryReport {
    rows = List.copyOf(rows);
  }

  /**
   * One code's totals.
   *
   * @param code the transfer code, such as {@code elderly-care}
   * @param earned into member accounts
   * @param spent out of member accounts
   * @param betweenMembers from one member to another
   */
  public record Row(String code, long earned, long spent, long betweenMembers) {}

  /**
   * Sums the transfers of {@code asset} stamped in {@code [from, to)} by code.
   *
   * @param ledger the ledger
   * @param asset the asset
   * @param from first instant included
   * @param to first instant excluded
   * @return the report
   */
  public static CategoryReport of(Ledger ledger, String asset, Instant from, Instant to) {
    HistoryQuery period = HistoryQuery.all().between(from, to);
    Map<String, AccountKind> kinds = new TreeMap<>();
    for (Account a : ledger.accounts()) {
      kinds.put(a.id(), a.kind());
    }
    Map<String, long[]> sums = new TreeMap<>();
    for (Transfer t : ledger.transfers()) {
      if (!t.asset().equals(asset) || !period.matches(t.debitAccountId(), t)) {
        continue;
      }
      boolean fromMember = kinds.get(t.debitAccountId()) == AccountKind.MEMBER;
      boolean toMember = kinds.get(t.creditAccountId()) == AccountKind.MEMBER;
      long[] s = sums.computeIfAbsent(t.code(), k -> new long[3]);
      if (t.reverses() == null) {
        if (fromMember && toMember) {
          s[2] += t.amount();
        } else if (toMember) {
          s[0] += t.amount();
        } else if (fromMember) {
          s[1] += t.amount();
        }
      } else {
        // A reversal swaps its original's accounts: a member paying back undoes an earning.
        if (fromMember && toMember) {
          s[2] -= t.amount();
        } else if (fromMember) {
          s[0] -= t.amount();
        } else if (toMember) {
          s[1] -= t.amount();
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    sums.forEach((code, s) -> rows.add(new Row(code, s[0], s[1], s[2])));
    return new CategoryReport(asset, from, to, rows);
  }

  /**
   * Writes the report as CSV.
   *
   * @param out where to write
   */
  public void writeCsv(Appendable out) {
    Csv.row(out, List.of("code", "earned", "spent", "between_members"));
    for (Row r : rows) {
      Csv.row(out, List.of(r.code(), r.earned(), r.spent(), r.betweenMembers()));
    }
  }
}
