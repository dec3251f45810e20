package dev.linli.scheduling.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * {@link ZoneSpans} answers exactly as java.time does, whatever span it remembers: a fresh
 * instance asked about one instant, then about instants around it (across offset changes, on
 * them, a second either side), in zones with daylight saving, half-hour offsets and none, and one
 * instance shared by every try, so that spans of other zones and times are remembered when it is
 * asked.
 */
class ZoneSpansProperties {
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Shanghai"),
      ZoneId.of("Europe/London"), ZoneId.of("America/New_York"), ZoneId.of("America/Santiago"),
      ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC"),
      ZoneId.of("America/Havana"));
  private static final ZoneSpans SHARED = new ZoneSpans();
  /** Questions asked, and questions answered by the remembered span (not computed for them). */
  private static final AtomicLong ASKED = new AtomicLong();
  private static final AtomicLong REMEMBERED = new AtomicLong();
  private static final AtomicLong ACROSS_CHANGES = new AtomicLong();

  /** An instant and a zone to read it in. */
  record Moment(Instant t, ZoneId zone) {}

  /** Instants from 1985 to 2040, a third of them on an offset change, a third near one. */
  @Provide
  Arbitrary<Moment> moments() {
    Arbitrary<Instant> any = Arbitraries.longs().between(473_385_600L, 2_208_988_800L)
        .map(Instant::ofEpochSecond);
    return Arbitraries.of(ZONES).flatMap(z -> {
      Arbitrary<Instant> onChange = any.map(t -> {
        ZoneOffsetTransition next = z.getRules().nextTransition(t);
        return next == null ? t : next.getInstant();
      });
      Arbitrary<Instant> nearChange = onChange.flatMap(t -> Arbitraries.integers()
          .between(-96, 96).map(q -> t.plusSeconds(q * 900L)));
      return Arbitraries.oneOf(any, onChange, nearChange).map(t -> new Moment(t, z));
    });
  }

  @Property(tries = 2000)
  void answersAreJavaTimes(@ForAll("moments") Moment m) {
    ZoneSpans fresh = new ZoneSpans();
    check(fresh, m.t(), m.zone());
    for (long step = -2 * 86_400; step <= 2 * 86_400; step += 3_600) {
      for (long nudge : new long[] {-1, 0, 1}) {
        check(fresh, m.t().plusSeconds(step + nudge), m.zone());
      }
    }
    check(SHARED, m.t(), m.zone());
    ZoneOffsetTransition next = m.zone().getRules().nextTransition(m.t().minusSeconds(2 * 86_400));
    if (next != null && next.getInstant().isBefore(m.t().plusSeconds(2 * 86_400))) {
      ACROSS_CHANGES.incrementAndGet();
    }
  }

  private static void check(ZoneSpans spans, Instant t, ZoneId zone) {
    int before = spans.computed();
    assertEquals(zone.getRules().getOffset(t).getTotalSeconds(), spans.offsetSeconds(t, zone),
        t + " in " + zone);
    ASKED.incrementAndGet();
    if (spans.computed() == before) {
      REMEMBERED.incrementAndGet();
    }
    assertEquals(t.getEpochSecond() + zone.getRules().getOffset(t).getTotalSeconds(),
        spans.localSeconds(t, zone));
    LocalDate day = t.atZone(zone).toLocalDate();
    for (LocalDate d : List.of(day, day.plusDays(1), day.minusDays(1))) {
      assertEquals(d.atStartOfDay(zone).toInstant(), spans.startOf(d, zone), d + " in " + zone);
    }
    for (long reach : new long[] {0, 3_600, 86_400, 2 * 86_400}) {
      Instant to = t.plusSeconds(reach);
      ZoneOffsetTransition next = zone.getRules().nextTransition(t);
      assertEquals(next == null || next.getInstant().isAfter(to), spans.steady(t, to, zone),
          "(" + t + ", " + to + "] in " + zone);
    }
  }

  @AfterContainer
  static void theRememberedSpanAnsweredMostQuestions_andChangesWereCrossed() {
    if (ASKED.get() < 100_000) {
      return;
    }
    assertTrue(REMEMBERED.get() > ASKED.get() / 2, REMEMBERED + " of " + ASKED);
    assertTrue(ACROSS_CHANGES.get() > 500, "moments near a change: " + ACROSS_CHANGES);
  }
}
