package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.facility.OpeningHours;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The engine's opening-hours cache answers every text with the hours parsed from that text,
 * whatever text it remembers last: random runs of a few texts (weekly hours, holiday hours, a
 * date's override), asked again by the same string and by an equal but distinct one.
 */
class OpeningHoursCacheProperties {
  private static final List<String> TEXTS = List.of("Mo-Su 06:00-22:00", "Mo-Su 09:00-17:00",
      "Mo-Fr 08:00-21:00; Sa,Su 09:00-18:00", "Mo-Su 10:00-12:00,14:00-16:00");
  private static final AtomicInteger SWITCHES = new AtomicInteger();
  private static final AtomicInteger RUNS = new AtomicInteger();

  @Provide
  Arbitrary<List<String>> runs() {
    return Arbitraries.of(TEXTS).list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 300)
  void everyTextGetsItsOwnHours(@ForAll("runs") List<String> texts, @ForAll boolean copies) {
    OpeningHoursCache cache = new OpeningHoursCache();
    String previous = null;
    for (String text : texts) {
      // An equal text in another string, as a rule read back from JSON holds it.
      String asked = copies ? new String(text.toCharArray()) : text;
      assertEquals(OpeningHours.parse(text), cache.get(asked), asked);
      if (previous != null && !previous.equals(text)) {
        SWITCHES.incrementAndGet();
      }
      previous = text;
    }
    RUNS.incrementAndGet();
  }

  @AfterContainer
  static void textsChangedFromOneAskToTheNext() {
    if (RUNS.get() < 300) {
      return;
    }
    assertTrue(SWITCHES.get() > 1000, "switches: " + SWITCHES);
  }
}
