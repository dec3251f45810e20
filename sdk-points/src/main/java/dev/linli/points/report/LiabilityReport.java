package dev.linli.points.report;

import dev.linli.core.internal.Csv;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.Lot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outstanding points (what members could still redeem, the community's liability) by community and
 * by age of lot, as of one instant. For an asset without expiry, members' positive balances are
 * reported under the age band {@code untracked}. Immutable and thread-safe.
 *
 * @param asOf the instant ages are measured at
 * @param rows one per community and age band with points, in community then band order
 * @since 0.1.0
 */
public record LiabilityReport(Instant asOf, List<Row> rows) {
  /** The age bands, by upper bound in days. */
  private static final List<Map.Entry<String, Long>> BANDS = List.of(
      Map.entry("0-90 days", 90L), Map.entry("91-180 days", 180L),
      Map.entry("181-365 days", 365L), Map.entry("over 365 days", Long.MAX_VALUE));

  /** Copies the rows. */
  public LiabilityReport {
    rows = List.copyOf(rows);
  }

  /**
   * One community's outstanding points of one age band.
   *
   * @param communityId the community
   * @param ageBand {@code 0-90 days}, {@code 91-180 days}, {@code 181-365 days},
   *     {@code over 365 days} or {@code untracked}
   * @param points outstanding points
   */
  public record Row(String communityId, String ageBand, long points) {}

  /**
   * Sums the outstanding points of every member account of {@code asset} in each ledger.
   *
   * @param ledgers community id to its ledger
   * @param asset the asset, such as {@code points}
   * @param asOf when ages are measured (usually now)
   * @return the report, bands with no points left out
   */
  public static LiabilityReport of(Map<String, Ledger> ledgers, String asset, Instant asOf) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Ledger> e : new TreeMap<>(ledgers).entrySet()) {
      Ledger ledger = e.getValue();
      long[] byBand = new long[BANDS.size()];
      long untracked = 0;
      boolean lots = ledger.expiry(asset).isPresent();
      for (Account a : ledger.accounts()) {
        if (a.kind() != AccountKind.MEMBER || !a.asset().equals(asset)) {
          continue;
        }
        if (!lots) {
          untracked += Math.max(0, ledger.balance(a.id()).balance());
          continue;
        }
        for (Lot l : ledger.lots(a.id())) {
          long days = Duration.between(l.earnedAt(), asOf).toDays();
          for (int i = 0; i < BANDS.size(); i++) {
            if (days <= BANDS.get(i).getValue()) {
              byBand[i] += l.remaining();
              break;
            }
          }
        }
      }
      for (int i = 0; i < BANDS.size(); i++) {
        if (byBand[i] > 0) {
          rows.add(new Row(e.getKey(), BANDS.get(i).getKey(), byBand[i]));
        }
      }
      if (untracked > 0) {
        rows.add(new Row(e.getKey(), "untracked", untracked));
      }
    }
    return new LiabilityReport(asOf, rows);
  }

  /**
   * Returns the outstanding points of one community, all bands.
   *
   * @param communityId the community
   * @return the total
   */
  public long total(String communityId) {
    return rows.stream().filter(r -> r.communityId().equals(communityId)).mapToLong(Row::points)
        .sum();
  }

  /**
   * Writes the report as CSV.
   *
   * @param out where to write
   */
  public void writeCsv(Appendable out) {
    Csv.row(out, List.of("community", "age_band", "points"));
    for (Row r : rows) {
      Csv.row(out, List.of(r.communityId(), r.ageBand(), r.points()));
    }
  }
}
