package dev.linli.core.facility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpeningHoursTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "24/7                                        | 24/7",
      "Mo-Su 00:00-24:00                           | 24/7",
      "Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00        | Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00",
      "Mo-Su 09:00-17:00; Su off                   | Mo-Sa 09:00-17:00; Su off",
      "Mo 14:00-18:00,08:00-12:00; Tu-Su off       | Mo 08:00-12:00,14:00-18:00; Tu-Su off",
      "Mo,Tu,We 10:00-11:00; Th-Su off             | Mo-We 10:00-11:00; Th-Su off"})
  void parse_writesCanonicalForm(String text, String canonical) {
    assertEquals(canonical, OpeningHours.parse(text).toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                   | openingHours = \"\": must be rules like \"Mo-Fr 08:00-20:00; Sa,Su 09:00-12:00,14:00-17:00\", \"Su off\" or \"24/7\"",
      "Mo-Fr                | openingHours = Mo-Fr: rule \"Mo-Fr\" needs days and times; expected rules like \"Mo-Fr 08:00-20:00; Sa,Su 09:00-12:00,14:00-17:00\", \"Su off\" or \"24/7\"",
      "Xx 08:00-10:00       | openingHours = Xx 08:00-10:00: unknown day \"Xx\"; days are Mo Tu We Th Fr Sa Su",
      "Fr-Mo 08:00-10:00    | openingHours = Fr-Mo 08:00-10:00: day range \"Fr-Mo\" runs backwards; write days Mo..Su in order",
      "Mo 22:00-02:00       | openingHours = Mo 22:00-02:00: time window \"22:00-02:00\" must close after it opens; split a window across midnight into two days",
      "Mo 08:00-12:00,11:00-13:00 | openingHours = Mo 08:00-12:00,11:00-13:00: time windows \"08:00-12:00,11:00-13:00\" overlap",
      "Mo 8:00-12:00        | openingHours = Mo 8:00-12:00: time \"8:00\" must be HH:MM between 00:00 and 24:00",
      "Mo 08:00-24:30       | openingHours = Mo 08:00-24:30: time \"24:30\" must be HH:MM between 00:00 and 24:00",
      "';'                  | openingHours = ;: needs at least one rule; expected rules like \"Mo-Fr 08:00-20:00; Sa,Su 09:00-12:00,14:00-17:00\", \"Su off\" or \"24/7\" (\"Mo-Su off\" for never open)",
      "';;'                 | openingHours = ;;: needs at least one rule; expected rules like \"Mo-Fr 08:00-20:00; Sa,Su 09:00-12:00,14:00-17:00\", \"Su off\" or \"24/7\" (\"Mo-Su off\" for never open)",
      "'Mo-Fr 08:00-20:00;' | openingHours = Mo-Fr 08:00-20:00;: has an empty rule (a ';' at the end or two in a row); remove the extra ';'",
      "'Mo-Fr 08:00-12:00;; Sa off' | openingHours = Mo-Fr 08:00-12:00;; Sa off: has an empty rule (a ';' at the end or two in a row); remove the extra ';'",
      "'; Mo 08:00-12:00'   | openingHours = ; Mo 08:00-12:00: has an empty rule (a ';' at the end or two in a row); remove the extra ';'",
      "'Mo-Fr 08:00-12:00,' | openingHours = Mo-Fr 08:00-12:00,: time windows \"08:00-12:00,\" have an empty entry (a ',' at the end or two in a row); remove the extra ','",
      "'Mo 08:00-10:00,,11:00-12:00' | openingHours = Mo 08:00-10:00,,11:00-12:00: time windows \"08:00-10:00,,11:00-12:00\" have an empty entry (a ',' at the end or two in a row); remove the extra ','",
      "'Mo,Tu, 08:00-12:00' | openingHours = Mo,Tu, 08:00-12:00: days \"Mo,Tu,\" have an empty entry (a ',' at the end or two in a row); remove the extra ','"})
  void badText_rejectedWithReason(String text, String message) {
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> OpeningHours.parse(text));
    assertEquals(message, e.getMessage());
  }

  @Property
  void toString_parsesBackToEqualHours(@ForAll @IntRange(min = 0, max = 47) int a,
      @ForAll @IntRange(min = 1, max = 48) int len, @ForAll @IntRange(min = 0, max = 127) int days) {
    int open = a * 30;
    int close = Math.min(24 * 60, open + len * 30);
    List<String> rules = new ArrayList<>();
    String[] codes = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    for (int d = 0; d < 7; d++) {
      String window = String.format(Locale.ROOT, "%02d:%02d-%02d:%02d", open / 60, open % 60,
          close / 60, close % 60);
      rules.add(codes[d] + ((days >> d & 1) == 1 ? " " + window : " off"));
    }
    OpeningHours hours = OpeningHours.parse(String.join("; ", rules));
    assertEquals(hours, OpeningHours.parse(hours.toString()));
  }

  @org.junit.jupiter.api.Test
  void isOpen_halfOpenWindows_midnightAndClose() {
    OpeningHours h = OpeningHours.parse("Mo 00:00-12:00; Tu-Su 18:00-24:00");
    assertTrue(h.isOpen(DayOfWeek.MONDAY, LocalTime.MIDNIGHT));
    assertFalse(h.isOpen(DayOfWeek.MONDAY, LocalTime.NOON), "closing time is not open");
    assertTrue(h.isOpen(DayOfWeek.SUNDAY, LocalTime.of(23, 59)));
    assertEquals(12 * 60 + 6 * 6 * 60, h.minutesPerWeek());
    assertTrue(OpeningHours.parse("Mo-Su off").isNeverOpen());
    assertEquals(7 * 24 * 60, OpeningHours.ALWAYS.minutesPerWeek());
  }
}
