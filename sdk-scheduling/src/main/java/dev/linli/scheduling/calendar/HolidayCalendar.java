package dev.linli.scheduling.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.internal.JsonDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * China's public holidays and make-up workdays (调休), answering {@link DayKind} for any date.
 *
 * <p>Built from the State Council's yearly notices in the holiday-cn JSON format
 * ({@code {year, papers, days: [{name, date, isOffDay}]}}): a listed date is OFFDAY when
 * {@code isOffDay} is true and WORKDAY (a make-up working day) when false; any other date of a year
 * whose notice is loaded is WORKDAY on Monday–Friday and OFFDAY on Saturday and Sunday. A notice is
 * keyed by its year but may move days in the last week of the previous December (the 2019 notice made
 * 2018-12-29 a workday and 2018-12-31 a holiday), so those days are known only when the next year's
 * notice is loaded too. A year with no notice, or with an empty one (announced later, as 2027 is in
 * the bundled snapshot), is {@link DayKind#UNKNOWN}.
 *
 * <p>{@link #bundled()} holds the 2007–2027 notices (snapshot of 2026-08-07, MIT-licensed data from
 * the holiday-cn project, see {@code holiday-cn/SOURCE.md} in this module); {@link #with} adds a newer
 * notice, replacing the bundled one for its year. Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class HolidayCalendar {
  private static final int FIRST_BUNDLED = 2007;
  private static final int LAST_BUNDLED = 2027;
  /** From this day of December on, the next year's notice may change a date. */
  private static final MonthDay NEXT_NOTICE_REACH = MonthDay.of(12, 25);

  /** One notice: its year, and the days it lists (empty if not yet announced). */
  private record Notice(int year, Map<LocalDate, Listed> days) {}

  /** A listed date: the holiday it belongs to and whether it is a day off. */
  private record Listed(String name, boolean offDay) {}

  private final Map<Integer, Notice> notices;
  /**
   * The listed dates by epoch day, {@code byDay[date.toEpochDay() - firstDay]}, null where a date is
   * not listed: an array, not a map keyed by date, since every decision and every start of a time
   * picker asks (a {@code LocalDate}'s hash keeps no year in a map's low bits, so the bundled
   * years' dates collided into tree bins).
   */
  private final Listed[] byDay;
  /** The epoch day of {@code byDay[0]}. */
  private final long firstDay;
  /** The first year {@link #announcedYears} covers; {@code announcedYears[y - firstYear]}. */
  private final int firstYear;
  private final boolean[] announcedYears;

  private HolidayCalendar(Map<Integer, Notice> notices) {
    TreeMap<Integer, Notice> byYear = new TreeMap<>(notices);
    this.notices = Collections.unmodifiableMap(byYear);
    Map<LocalDate, Listed> all = new java.util.HashMap<>();
    // Later notices win for the dates they list (a December date is set by the next year's notice).
    for (Notice n : this.notices.values()) {
      all.putAll(n.days());
    }
    long first = all.keySet().stream().mapToLong(LocalDate::toEpochDay).min().orElse(0);
    long last = all.keySet().stream().mapToLong(LocalDate::toEpochDay).max().orElse(-1);
    this.firstDay = first;
    this.byDay = new Listed[(int) (last - first + 1)];
    all.forEach((date, l) -> byDay[(int) (date.toEpochDay() - first)] = l);
    this.firstYear = byYear.isEmpty() ? 0 : byYear.firstKey();
    this.announcedYears = new boolean[byYear.isEmpty() ? 0 : byYear.lastKey() - firstYear + 1];
    byYear.forEach((year, n) -> announcedYears[year - firstYear] = !n.days().isEmpty());
  }

  /**
   * Returns the calendar of the notices bundled with this release (2007–2027; 2027 not yet
   * announced).
   *
   * @return the bundled calendar
   */
  public static HolidayCalendar bundled() {
    return Bundled.CALENDAR;
  }

  /**
   * Returns this calendar with one more notice, which replaces any notice for the same year.
   *
   * @param in a notice file in the holiday-cn format (UTF-8 JSON); not closed
   * @param source a name for messages, such as the file name
   * @return the new calendar; this one is unchanged
   * @throws DataFormatException naming the file, JSON path and what was expected, for every problem
   */
  public HolidayCalendar with(InputStream in, String source) {
    Notice notice = parse(in, source);
    Map<Integer, Notice> next = new TreeMap<>(notices);
    next.put(notice.year(), notice);
    return new HolidayCalendar(next);
  }

  /**
   * Returns an empty calendar, in which every date is {@link DayKind#UNKNOWN}; add notices with
   * {@link #with}.
   *
   * @return the empty calendar
   */
  public static HolidayCalendar empty() {
    return new HolidayCalendar(Map.of());
  }

  /**
   * Returns whether {@code date} is a working day, a day off, or not known.
   *
   * @param date a date in China's calendar (Asia/Shanghai), not null
   * @return its kind
   */
  public DayKind kind(LocalDate date) {
    Objects.requireNonNull(date, "date");
    Listed l = listed(date);
    if (l != null) {
      return l.offDay() ? DayKind.OFFDAY : DayKind.WORKDAY;
    }
    if (!announced(date.getYear())) {
      return DayKind.UNKNOWN;
    }
    // !MonthDay.from(date).isBefore(NEXT_NOTICE_REACH), without building a MonthDay.
    if (date.getMonthValue() == NEXT_NOTICE_REACH.getMonthValue()
        && date.getDayOfMonth() >= NEXT_NOTICE_REACH.getDayOfMonth()
        && !announced(date.getYear() + 1)) {
      return DayKind.UNKNOWN;
    }
    DayOfWeek day = date.getDayOfWeek();
    return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? DayKind.OFFDAY : DayKind.WORKDAY;
  }

  /**
   * Returns the name of the holiday a listed date belongs to, such as {@code 春节}; make-up workdays
   * carry the name of the holiday they make up for.
   *
   * @param date a date, not null
   * @return the name, or empty if the notices do not list the date
   */
  public Optional<String> holidayName(LocalDate date) {
    return Optional.ofNullable(listed(date)).map(Listed::name);
  }

  /**
   * Returns whether {@code date} is a weekend day made a working day (调休, 补班).
   *
   * @param date a date, not null
   * @return true for a listed Saturday or Sunday workday
   */
  public boolean isMakeUpWorkday(LocalDate date) {
    Listed l = listed(date);
    DayOfWeek day = date.getDayOfWeek();
    return l != null && !l.offDay() && (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY);
  }

  /**
   * Returns whether {@code date} is a public holiday (listed as a day off), weekend or not.
   *
   * @param date a date, not null
   * @return true for a listed day off
   */
  public boolean isPublicHoliday(LocalDate date) {
    Listed l = listed(date);
    return l != null && l.offDay();
  }

  /**
   * Returns the years whose notice is loaded and announced (has days).
   *
   * @return the years, ascending
   */
  public SortedSet<Integer> announcedYears() {
    SortedSet<Integer> out = new TreeSet<>();
    notices.values().stream().filter(n -> !n.days().isEmpty()).forEach(n -> out.add(n.year()));
    return Collections.unmodifiableSortedSet(out);
  }

  /** The listing of {@code date} in the loaded notices (the later notice's), or null. */
  private Listed listed(LocalDate date) {
    if (date == null) {
      // As the map this replaced answered: no listing (kind and isMakeUpWorkday still refuse null).
      return null;
    }
    long i = date.toEpochDay() - firstDay;
    return i >= 0 && i < byDay.length ? byDay[(int) i] : null;
  }

  private boolean announced(int year) {
    int i = year - firstYear;
    return i >= 0 && i < announcedYears.length && announcedYears[i];
  }

  private static final Set<String> TOP_FIELDS =
      Collections.unmodifiableSortedSet(
          new TreeSet<>(Set.of("$schema", "$id", "year", "papers", "days")));
  private static final Set<String> DAY_FIELDS =
      Collections.unmodifiableSortedSet(new TreeSet<>(Set.of("name", "date", "isOffDay")));

  private static Notice parse(InputStream in, String source) {
    return JsonDocuments.parse(in, source, root -> notice(root, source));
  }

  private static Notice notice(JsonNode root, String source) {
    List<Problem> problems = new ArrayList<>();
    if (!root.isObject()) {
      throw new DataFormatException(List.of(new Problem(source, 0, "$",
          "a holiday notice is a JSON object {year, papers, days}")));
    }
    root.fieldNames().forEachRemaining(f -> {
      if (!TOP_FIELDS.contains(f)) {
        problems.add(new Problem(source, 0, "$." + f, "unknown field; allowed are " + TOP_FIELDS));
      }
    });
    JsonNode yearNode = root.path("year");
    int year = yearNode.isInt() ? yearNode.asInt() : -1;
    if (year < 1949 || year > 2200) {
      problems.add(new Problem(source, 0, "$.year",
          "must be a year between 1949 and 2200 (got " + yearNode + ")"));
    }
    JsonNode days = root.path("days");
    if (!days.isArray()) {
      problems.add(new Problem(source, 0, "$.days", "must be an array of {name, date, isOffDay}"));
      throw new DataFormatException(problems);
    }
    Map<LocalDate, Listed> out = new TreeMap<>();
    for (int i = 0; i < days.size(); i++) {
      JsonNode d = days.get(i);
      String path = "$.days[" + i + "]";
      if (!d.isObject()) {
        problems.add(new Problem(source, 0, path, "must be an object {name, date, isOffDay}"));
        continue;
      }
      d.fieldNames().forEachRemaining(f -> {
        if (!DAY_FIELDS.contains(f)) {
          problems.add(new Problem(source, 0, path + "." + f,
              "unknown field; allowed are " + DAY_FIELDS));
        }
      });
      String name = d.path("name").asText("").strip();
      if (name.isEmpty()) {
        problems.add(new Problem(source, 0, path + ".name", "must be the holiday's name"));
      }
      if (!d.path("isOffDay").isBoolean()) {
        problems.add(new Problem(source, 0, path + ".isOffDay", "must be true or false (got "
            + d.path("isOffDay") + ")"));
      }
      LocalDate date;
      try {
        date = LocalDate.parse(d.path("date").asText(""));
      } catch (DateTimeException e) {
        problems.add(new Problem(source, 0, path + ".date",
            "must be a date such as \"2026-02-16\" (got " + d.path("date") + ")"));
        continue;
      }
      if (year > 0 && date.getYear() != year
          && !(date.getYear() == year - 1 && date.getMonthValue() == 12)) {
        problems.add(new Problem(source, 0, path + ".date", "must fall in " + year
            + " or the December before it (got " + date + ")"));
        continue;
      }
      Listed previous = out.put(date, new Listed(name, d.path("isOffDay").asBoolean()));
      if (previous != null) {
        problems.add(new Problem(source, 0, path + ".date", "lists " + date + " twice"));
      }
    }
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    return new Notice(year, out);
  }

  private static final class Bundled {
    static final HolidayCalendar CALENDAR = load();

    private static HolidayCalendar load() {
      HolidayCalendar calendar = empty();
      for (int year = FIRST_BUNDLED; year <= LAST_BUNDLED; year++) {
        String resource = "holiday-cn/" + year + ".json";
        try (InputStream in = HolidayCalendar.class.getResourceAsStream(resource)) {
          if (in == null) {
            throw new IllegalStateException("bundled resource missing: " + resource);
          }
          calendar = calendar.with(in, resource);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return calendar;
    }
  }
}
