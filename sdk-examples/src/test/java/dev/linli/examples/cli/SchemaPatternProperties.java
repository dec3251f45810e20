package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.facility.OpeningHours;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The two hand-written patterns of the schemas that carry the most weight, ids and opening hours,
 * accept exactly what the Java code accepts, on thousands of strings built to sit near the edges.
 */
class SchemaPatternProperties {
  private static final Pattern ID = Pattern.compile(PublishedSchemas.tree("linli-city")
      .path("$defs").path("id").path("pattern").asText());
  private static final Pattern OPENING = Pattern.compile(PublishedSchemas.tree("linli-city")
      .path("$defs").path("openingHours").path("pattern").asText());

  private static final AtomicInteger ID_VALID = new AtomicInteger();
  private static final AtomicInteger ID_INVALID = new AtomicInteger();
  private static final AtomicInteger HOURS_VALID = new AtomicInteger();
  private static final AtomicInteger HOURS_INVALID = new AtomicInteger();
  private static final AtomicInteger HOURS_SEMANTIC = new AtomicInteger();

  @Property(tries = 3000)
  void idPattern_agreesWithId(@ForAll("idLike") String candidate) {
    boolean valid = Id.isValid(candidate);
    (valid ? ID_VALID : ID_INVALID).incrementAndGet();
    assertEquals(valid, ID.matcher(candidate).find(), "\"" + candidate + "\"");
  }

  @Property(tries = 3000)
  void openingHoursPattern_agreesWithTheParser(@ForAll("hoursLike") String text) {
    String refusal = null;
    try {
      OpeningHours.parse(text);
    } catch (InvalidValueException e) {
      refusal = e.allowed();
    }
    (refusal == null ? HOURS_VALID : HOURS_INVALID).incrementAndGet();
    assertEquals(refusal == null, OPENING.matcher(text).find(), "\"" + text + "\": " + refusal);
  }

  /** Order is what a regular pattern cannot see: the schema passes these, the reader does not. */
  @Property(tries = 200)
  void openingHoursOutOfOrder_passTheSchema_failTheReader(@ForAll("outOfOrder") String text) {
    HOURS_SEMANTIC.incrementAndGet();
    assertTrue(OPENING.matcher(text).find(), text);
    try {
      OpeningHours.parse(text);
      throw new AssertionError("the reader accepted " + text);
    } catch (InvalidValueException e) {
      assertTrue(e.allowed().contains("runs backwards") || e.allowed().contains("must close after")
          || e.allowed().contains("overlap"), e.allowed());
    }
  }

  @AfterContainer
  static void bothOutcomesWereReachedOften() {
    if (ID_VALID.get() + ID_INVALID.get() > 0) {
      assertTrue(ID_VALID.get() >= 600 && ID_INVALID.get() >= 600,
          "ids valid " + ID_VALID + ", invalid " + ID_INVALID);
    }
    if (HOURS_SEMANTIC.get() > 0) {
      assertTrue(HOURS_SEMANTIC.get() >= 150, "out of order " + HOURS_SEMANTIC);
    }
    if (HOURS_VALID.get() + HOURS_INVALID.get() > 0) {
      assertTrue(HOURS_VALID.get() >= 600 && HOURS_INVALID.get() >= 600, "opening hours valid " + HOURS_VALID + ", invalid "
          + HOURS_INVALID);
    }
  }

  @Provide
  Arbitrary<String> idLike() {
    Arbitrary<String> good = Arbitraries.strings().withChars("abcXYZ019").ofLength(1)
        .flatMap(first -> Arbitraries.strings().withChars("aZ9._:-").ofMinLength(0)
            .ofMaxLength(66).map(rest -> first + rest));
    Arbitrary<String> any = Arbitraries.strings().withChars("aZ9._:- /é\t").ofMinLength(0)
        .ofMaxLength(66);
    return Arbitraries.oneOf(good, any);
  }

  private static final List<String> DAYS = List.of("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su");

  private static String hhmm(int minutes) {
    return String.format(java.util.Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
  }

  /** Days in order, and now and then a malformed one. */
  private static Arbitrary<String> days() {
    Arbitrary<String> range = Arbitraries.integers().between(0, 6).list().ofSize(2).map(d -> {
      int a = Math.min(d.get(0), d.get(1));
      int b = Math.max(d.get(0), d.get(1));
      return a == b ? DAYS.get(a) : DAYS.get(a) + "-" + DAYS.get(b);
    });
    Arbitrary<String> list = Arbitraries.of(DAYS).list().ofMinSize(1).ofMaxSize(3)
        .map(l -> String.join(",", l));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, range), net.jqwik.api.Tuple.of(3,
        list), net.jqwik.api.Tuple.of(1, Arbitraries.of("Xx", "mo", "Mo-", "Mo--Tu", ",Mo",
        "Monday")));
  }

  /** Windows that close after they open and do not overlap, and now and then malformed text. */
  private static Arbitrary<String> windows() {
    Arbitrary<String> ordered = Arbitraries.integers().between(0, 96).set().ofMinSize(2)
        .ofMaxSize(4).map(set -> {
          List<Integer> q = set.stream().sorted().toList();
          String w = hhmm(q.get(0) * 15) + "-" + hhmm(q.get(1) * 15);
          return q.size() == 4 ? w + "," + hhmm(q.get(2) * 15) + "-" + hhmm(q.get(3) * 15) : w;
        });
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, ordered), net.jqwik.api.Tuple.of(1,
        Arbitraries.just("off")), net.jqwik.api.Tuple.of(2, Arbitraries.of("24:30-25:00",
        "7:00-9:00", "07:60-08:00", "0700-0900", "08:00", "08:00-", "08:00-09:00-10:00",
        "08:00 - 09:00", "08:00-09:00,")));
  }

  @Provide
  Arbitrary<String> hoursLike() {
    Arbitrary<String> rule = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, days().flatMap(d -> windows().map(w -> d + " " + w))),
        net.jqwik.api.Tuple.of(1, days().flatMap(d -> windows().map(w -> d + "  " + w))),
        net.jqwik.api.Tuple.of(1, days().flatMap(d -> windows().map(w -> d + w))));
    Arbitrary<String> rules = rule.list().ofMinSize(1).ofMaxSize(3)
        .flatMap(list -> Arbitraries.of("; ", ";", " ; ").map(sep -> String.join(sep, list)));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, rules),
        net.jqwik.api.Tuple.of(1, rules.map(r -> r + ";")),
        net.jqwik.api.Tuple.of(1, rules.map(r -> " " + r + " ")),
        net.jqwik.api.Tuple.of(1, rules.map(r -> r + "; ;")),
        // Not ";" alone: the reader takes it as "never open" (a known gap, docs/formats.md §12).
        net.jqwik.api.Tuple.of(1, Arbitraries.of("24/7", " 24/7 ", "24/7;", "", " ",
            "Mo 08:00-12:00;; Tu off", "24/7; Mo off")));
  }

  @Provide
  Arbitrary<String> outOfOrder() {
    Arbitrary<String> backwardsDays = Arbitraries.integers().between(1, 6).flatMap(b ->
        Arbitraries.integers().between(0, b - 1).map(a -> DAYS.get(b) + "-" + DAYS.get(a)
            + " 08:00-12:00"));
    Arbitrary<String> backwardsWindow = Arbitraries.integers().between(1, 96).flatMap(b ->
        Arbitraries.integers().between(0, b).map(a -> "Mo-Fr " + hhmm(b * 15) + "-"
            + hhmm(a * 15)));
    Arbitrary<String> overlapping = Arbitraries.integers().between(2, 90).map(a ->
        "Sa,Su " + hhmm(a * 15) + "-" + hhmm((a + 4) * 15) + "," + hhmm((a + 2) * 15) + "-"
            + hhmm((a + 6) * 15));
    return Arbitraries.oneOf(backwardsDays, backwardsWindow, overlapping);
  }
}
