package dev.linli.points.report;

import dev.linli.core.internal.Csv;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.HistoryQuery;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.timebank.TimeBank;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A community's volunteers ranked by honour minutes earned in a period (服务时长排行榜), with the
 * points they earned alongside. Ties share a rank (1, 2, 2, 4) and are listed by member id.
 * Reversed awards are netted out. Immutable and thread-safe.
 *
 * @param communityId the community
 * @param from first instant included
 * @param to first instant excluded
 * @param rows the ranking, best first
 * @since 0.1.0
 */
public record Leaderboard(String communityId, Instant from, Instant to, List<Row> rows) {
  /** Copies the rows. */
  public Leaderboard {
    rows = List.copyOf(rows);
  }

  /**
   * One volunteer's line.
   *
   * @param rank 1 for the most minutes
   * @param memberId the member
   * @param minutes honour minutes earned in the period, net of reversals
   * @param points points credited from the community pool in the period, net of reversals
   */
  public record Row(int rank, String memberId, long minutes, long points) {}

  /**
   * Ranks the members of {@code bank} who earned minutes in {@code [from, to)}.
   *
   * @param communityId the community's id, for the report
   * @param bank the community's time bank
   * @param from first instant included
   * @param to first instant excluded
   * @return the leaderboard (members with no minutes in the period are left out)
   */
  public static Leaderboard of(String communityId, TimeBank bank, Instant from, Instant to) {
    Ledger ledger = bank.ledger();
    HistoryQuery period = HistoryQuery.all().between(from, to);
    List<Row> unranked = new ArrayList<>();
    for (Account a : ledger.accounts()) {
      if (a.kind() != AccountKind.MEMBER || !a.id().endsWith(".minutes")) {
        continue;
      }
      String member = a.id().substring(0, a.id().length() - ".minutes".length());
      long minutes = 0;
      for (Transfer t : ledger.history(a.id(),
          period.withCounterparty(bank.minutesIssuerId()))) {
        minutes += t.signedAmount(a.id());
      }
      if (minutes <= 0) {
        continue;
      }
      long points = 0;
      if (ledger.account(TimeBank.pointsAccount(member)).isPresent()) {
        for (Transfer t : ledger.history(TimeBank.pointsAccount(member),
            period.withCounterparty(bank.poolId()))) {
          points += t.signedAmount(TimeBank.pointsAccount(member));
        }
      }
      unranked.add(new Row(0, member, minutes, points));
    }
    unranked.sort(Comparator.comparingLong(Row::minutes).reversed()
        .thenComparing(Row::memberId));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < unranked.size(); i++) {
      Row r = unranked.get(i);
      int rank = i > 0 && unranked.get(i - 1).minutes() == r.minutes() ? rows.get(i - 1).rank()
          : i + 1;
      rows.add(new Row(rank, r.memberId(), r.minutes(), r.points()));
    }
    return new Leaderboard(communityId, from, to, rows);
  }

  /**
   * Writes the leaderboard as CSV.
   *
   * @param out where to write
   */
  public void writeCsv(Appendable out) {
    Csv.row(out, List.of("community", "rank", "member", "minutes", "hours", "points"));
    for (Row r : rows) {
      Csv.row(out, List.of(communityId, r.rank(), r.memberId(), r.minutes(),
          java.math.BigDecimal.valueOf(r.minutes()).divide(java.math.BigDecimal.valueOf(60), 2,
              java.math.RoundingMode.HALF_UP).toPlainString(), r.points()));
    }
  }
}
