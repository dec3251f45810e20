package dev.linli.points.volunteering;

import dev.linli.core.people.Wish;
import dev.linli.core.people.WishStatus;
import dev.linli.core.internal.Csv;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures the articles quote ("4,000+ activities, 900+ wishes, ~150,000 people served"): per
 * organiser, activities held, volunteers, hours and people served; per community, wishes posted and
 * fulfilled and the time to fulfil them. Immutable and thread-safe.
 *
 * @param organisers one row per team or organisation, by id
 * @param communities one row per community, by id
 * @since 0.1.0
 */
public record VolunteeringReport(List<OrganiserRow> organisers, List<CommunityRow> communities) {
  /** Copies the rows. */
  public VolunteeringReport {
    organisers = List.copyOf(organisers);
    communities = List.copyOf(communities);
  }

  /**
   * One organiser's figures.
   *
   * @param organiserId the team or organisation
   * @param activitiesHeld activities that ended and were not cancelled
   * @param volunteers distinct volunteers with hours awarded
   * @param minutes service minutes awarded
   * @param peopleServed people served, as recorded by organisers
   */
  public record OrganiserRow(String organiserId, long activitiesHeld, long volunteers, long minutes,
      long peopleServed) {}

  /**
   * One community's wishes.
   *
   * @param communityId the community
   * @param posted wishes posted
   * @param fulfilled wishes fulfilled
   * @param meanHoursToFulfil mean hours from posting to fulfilment, rounded down; 0 if none
   * @param medianHoursToFulfil median hours from posting to fulfilment, rounded down; 0 if none
   */
  public record CommunityRow(String communityId, long posted, long fulfilled,
      long meanHoursToFulfil, long medianHoursToFulfil) {}

  /**
   * Computes the report as of {@code now}.
   *
   * @param volunteering the activities
   * @param board the wishes
   * @param now activities that end after it are not yet held
   * @return the report
   */
  public static VolunteeringReport of(Volunteering volunteering, WishBoard board, Instant now) {
    Map<String, long[]> byOrganiser = new TreeMap<>();
    Map<String, Set<String>> people = new TreeMap<>();
    for (Volunteering.Summary s : volunteering.summaries()) {
      String org = s.plan().activity().organiserId();
      long[] row = byOrganiser.computeIfAbsent(org, k -> new long[3]);
      Set<String> volunteers = people.computeIfAbsent(org, k -> new HashSet<>());
      if (s.cancelled() || s.plan().activity().end().isAfter(now)) {
        continue;
      }
      row[0]++;
      row[2] += s.peopleServed();
      for (Attendance a : s.roster()) {
        if (a.state() == AttendanceState.AWARDED) {
          volunteers.add(a.volunteerId());
          row[1] += a.counted().toMinutes();
        }
      }
    }
    List<OrganiserRow> organisers = new ArrayList<>();
    byOrganiser.forEach((org, r) -> organisers.add(new OrganiserRow(org, r[0],
        people.get(org).size(), r[1], r[2])));
    Map<String, List<Wish>> byCommunity = new TreeMap<>();
    for (Wish w : board.wishes()) {
      byCommunity.computeIfAbsent(w.communityId(), k -> new ArrayList<>()).add(w);
    }
    List<CommunityRow> communities = new ArrayList<>();
    byCommunity.forEach((community, ws) -> {
      List<Long> hours = new ArrayList<>();
      for (Wish w : ws) {
        if (w.status() == WishStatus.FULFILLED) {
          hours.add(Duration.between(w.postedAt(), w.closedAt()).toHours());
        }
      }
      hours.sort(null);
      long mean = hours.isEmpty() ? 0 : hours.stream().mapToLong(Long::longValue).sum()
          / hours.size();
      long median = hours.isEmpty() ? 0 : hours.size() % 2 == 1 ? hours.get(hours.size() / 2)
          : (hours.get(hours.size() / 2 - 1) + hours.get(hours.size() / 2)) / 2;
      communities.add(new CommunityRow(community, ws.size(), hours.size(), mean, median));
    });
    return new VolunteeringReport(organisers, communities);
  }

  /**
   * Writes both tables as CSV, organisers first, separated by a blank line.
   *
   * @param out where to write
   */
  public void writeCsv(Appendable out) {
    Csv.row(out, List.of("organiser", "activities_held", "volunteers", "hours", "people_served"));
    for (OrganiserRow r : organisers) {
      Csv.row(out, List.of(r.organiserId(), r.activitiesHeld(), r.volunteers(),
          java.math.BigDecimal.valueOf(r.minutes()).divide(java.math.BigDecimal.valueOf(60), 1,
              java.math.RoundingMode.HALF_UP).toPlainString(), r.peopleServed()));
    }
    Csv.row(out, List.of());
    Csv.row(out, List.of("community", "wishes_posted", "wishes_fulfilled", "mean_hours_to_fulfil",
        "median_hours_to_fulfil"));
    for (CommunityRow r : communities) {
      Csv.row(out, List.of(r.communityId(), r.posted(), r.fulfilled(), r.meanHoursToFulfil(),
          r.medianHoursToFulfil()));
    }
  }
}
