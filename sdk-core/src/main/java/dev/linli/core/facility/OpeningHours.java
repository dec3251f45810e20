package dev.linli.core.facility;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.linli.core.InvalidValueException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A facility's published weekly opening hours, such as {@code Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00}.
 *
 * <p>Each weekday has zero or more windows {@code [open, close)} in local wall-clock time of the
 * facility's zone; windows on a day are sorted, do not overlap and do not cross midnight ({@code 24:00}
 * closes at the end of the day). This is what a map or a profile shows; booking rules with date
 * overrides, holidays and make-up workdays live in {@code sdk-scheduling}.
 *
 * <p>Text form (a subset of OpenStreetMap's {@code opening_hours}): rules separated by {@code ;},
 * each a day list ({@code Mo}, {@code Mo-Fr}, {@code Sa,Su}) and a window list ({@code 08:00-12:00,14:00-18:00}),
 * or {@code off}; {@code 24/7} for always open. Later rules replace earlier ones for the days they name.
 * {@link #toString()} writes the shortest canonical form and {@link #parse} reads it back.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class OpeningHours {
  /** Open every day around the clock. */
  public static final OpeningHours ALWAYS = always();

  private static final String[] DAY_CODES = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
  private static final String SYNTAX =
      "rules like \"Mo-Fr 08:00-20:00; Sa,Su 09:00-12:00,14:00-17:00\", \"Su off\" or \"24/7\"";
  private static final int DAY_MINUTES = 24 * 60;

  /** A window on one day: minutes since midnight, {@code [open, close)}. */
  private record Window(int open, int close) {}

  private final Map<DayOfWeek, List<Window>> days;

  private OpeningHours(Map<DayOfWeek, List<Window>> days) {
    this.days = days;
  }

  private static OpeningHours always() {
    Map<DayOfWeek, List<Window>> map = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      map.put(day, List.of(new Window(0, DAY_MINUTES)));
    }
    return new OpeningHours(Collections.unmodifiableMap(map));
  }

  /**
   * Parses the text form.
   *
   * @param text for example {@code "Mo-Fr 08:00-20:00; Sa 09:00-12:00"}, not null
   * @return the opening hours
   * @throws InvalidValueException naming field {@code openingHours} if the text is malformed,
   *     a window is empty or reversed, or two windows on a day overlap
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static OpeningHours parse(String text) {
    String trimmed = text.strip();
    if (trimmed.equals("24/7")) {
      return ALWAYS;
    }
    Map<DayOfWeek, List<Window>> map = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      map.put(day, List.of());
    }
    InvalidValueException.check(!trimmed.isEmpty(), "openingHours", "\"\"", "must be " + SYNTAX);
    // ";" alone has no rule, which would read as "never open"; that is written "Mo-Su off".
    InvalidValueException.check(!trimmed.replace(";", "").isBlank(), "openingHours", text,
        "needs at least one rule; expected " + SYNTAX + " (\"Mo-Su off\" for never open)");
    // -1 keeps empty pieces: a separator with nothing after it is a typo to refuse, not to skip
    for (String rule : trimmed.split(";", -1)) {
      String r = rule.strip();
      InvalidValueException.check(!r.isEmpty(), "openingHours", text,
          "has an empty rule (a ';' at the end or two in a row); remove the extra ';'");
      int space = r.indexOf(' ');
      InvalidValueException.check(space > 0, "openingHours", text,
          "rule \"" + r + "\" needs days and times; expected " + SYNTAX);
      List<DayOfWeek> ruleDays = parseDays(r.substring(0, space), text);
      List<Window> windows = parseWindows(r.substring(space + 1).strip(), text);
      for (DayOfWeek day : ruleDays) {
        map.put(day, windows);
      }
    }
    return new OpeningHours(Collections.unmodifiableMap(map));
  }

  private static List<DayOfWeek> parseDays(String spec, String text) {
    List<DayOfWeek> out = new ArrayList<>();
    for (String part : spec.split(",", -1)) {
      InvalidValueException.check(!part.isEmpty(), "openingHours", text, "days \"" + spec
          + "\" have an empty entry (a ',' at the end or two in a row); remove the extra ','");
      String[] range = part.split("-", -1);
      InvalidValueException.check(range.length <= 2, "openingHours", text,
          "day range \"" + part + "\" must be like Mo-Fr");
      int from = dayIndex(range[0], text);
      int to = range.length == 2 ? dayIndex(range[1], text) : from;
      InvalidValueException.check(from <= to, "openingHours", text,
          "day range \"" + part + "\" runs backwards; write days Mo..Su in order");
      for (int i = from; i <= to; i++) {
        out.add(DayOfWeek.of(i + 1));
      }
    }
    return out;
  }

  private static int dayIndex(String code, String text) {
    for (int i = 0; i < DAY_CODES.length; i++) {
      if (DAY_CODES[i].equals(code)) {
        return i;
      }
    }
    throw new InvalidValueException("openingHours", text,
        "unknown day \"" + code + "\"; days are Mo Tu We Th Fr Sa Su");
  }

  private static List<Window> parseWindows(String spec, String text) {
    if (spec.equals("off")) {
      return List.of();
    }
    List<Window> windows = new ArrayList<>();
    for (String part : spec.split(",", -1)) {
      InvalidValueException.check(!part.isBlank(), "openingHours", text, "time windows \"" + spec
          + "\" have an empty entry (a ',' at the end or two in a row); remove the extra ','");
      String[] ends = part.strip().split("-", -1);
      InvalidValueException.check(ends.length == 2, "openingHours", text,
          "time window \"" + part + "\" must be like 08:00-12:00");
      int open = minutes(ends[0], text);
      int close = minutes(ends[1], text);
      InvalidValueException.check(open < close, "openingHours", text, "time window \"" + part
          + "\" must close after it opens; split a window across midnight into two days");
      windows.add(new Window(open, close));
    }
    windows.sort((a, b) -> Integer.compare(a.open, b.open));
    for (int i = 1; i < windows.size(); i++) {
      InvalidValueException.check(windows.get(i - 1).close <= windows.get(i).open, "openingHours",
          text, "time windows \"" + spec + "\" overlap");
    }
    return List.copyOf(windows);
  }

  private static int minutes(String hhmm, String text) {
    String t = hhmm.strip();
    boolean ok = t.length() == 5 && t.charAt(2) == ':' && isDigit(t.charAt(0))
        && isDigit(t.charAt(1)) && isDigit(t.charAt(3)) && isDigit(t.charAt(4));
    int h = ok ? Integer.parseInt(t.substring(0, 2)) : -1;
    int m = ok ? Integer.parseInt(t.substring(3)) : -1;
    InvalidValueException.check(ok && m < 60 && (h < 24 || (h == 24 && m == 0)), "openingHours",
        text, "time \"" + t + "\" must be HH:MM between 00:00 and 24:00");
    return h * 60 + m;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * Returns whether the facility is open at {@code time} on {@code day}.
   *
   * @param day the weekday, not null
   * @param time the local time, not null
   * @return true if a window contains the time (open inclusive, close exclusive)
   */
  public boolean isOpen(DayOfWeek day, LocalTime time) {
    int minute = time.getHour() * 60 + time.getMinute();
    for (Window w : days.get(day)) {
      if (minute >= w.open && minute < w.close) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether one window on {@code day} contains the whole span {@code [from, to)}, in minutes
   * since midnight; {@code to} may be 1440 (the end of the day).
   *
   * @param day the weekday, not null
   * @param fromMinute start, 0 to 1439
   * @param toMinute end, after {@code fromMinute}, at most 1440
   * @return true if the span lies inside a single opening window
   */
  public boolean covers(DayOfWeek day, int fromMinute, int toMinute) {
    for (Window w : days.get(day)) {
      if (fromMinute >= w.open && toMinute <= w.close) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the number of open minutes in a week, a simple measure of how available a facility is.
   *
   * @return minutes open per week, 0 to 10,080
   */
  public int minutesPerWeek() {
    int total = 0;
    for (List<Window> windows : days.values()) {
      for (Window w : windows) {
        total += w.close - w.open;
      }
    }
    return total;
  }

  /**
   * Returns whether the facility is closed every day.
   *
   * @return true if there are no windows
   */
  public boolean isNeverOpen() {
    return minutesPerWeek() == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpeningHours other && days.equals(other.days);
  }

  @Override
  public int hashCode() {
    return days.hashCode();
  }

  /** Returns the canonical text form: consecutive days with equal windows are grouped. */
  @Override
  @JsonValue
  public String toString() {
    if (equals(ALWAYS)) {
      return "24/7";
    }
    List<String> rules = new ArrayList<>();
    DayOfWeek[] all = DayOfWeek.values();
    int i = 0;
    while (i < all.length) {
      List<Window> w = days.get(all[i]);
      int j = i;
      while (j + 1 < all.length && days.get(all[j + 1]).equals(w)) {
        j++;
      }
      String dayText = i == j ? DAY_CODES[i]
          : (j == i + 1 ? DAY_CODES[i] + "," + DAY_CODES[j] : DAY_CODES[i] + "-" + DAY_CODES[j]);
      rules.add(dayText + " " + windowsText(w));
      i = j + 1;
    }
    return String.join("; ", rules);
  }

  private static String windowsText(List<Window> windows) {
    if (windows.isEmpty()) {
      return "off";
    }
    List<String> parts = new ArrayList<>();
    for (Window w : windows) {
      parts.add(hhmm(w.open) + "-" + hhmm(w.close));
    }
    return String.join(",", parts);
  }

  private static String hhmm(int minutes) {
    return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }
}
