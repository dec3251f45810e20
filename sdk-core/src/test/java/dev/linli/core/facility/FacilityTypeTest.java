package dev.linli.core.facility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

class FacilityTypeTest {
  /** Codes near the length limit, and short texts with characters the rule refuses. */
  @Provide
  Arbitrary<String> candidates() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars("az09-").ofMaxLength(52),
        Arbitraries.strings().withChars("az09-A_ é中").ofMaxLength(6));
  }

  @Property(tries = 3000)
  void theFastCheck_agreesWithTheRule(@ForAll("candidates") String s) {
    boolean code = FacilityType.isCode(s);
    assertEquals(FacilityType.matchesCodeRule(s), code, s);
    Statistics.label("accepted").collect(code);
    Statistics.label("accepted").coverage(c -> {
      c.check(true).percentage(p -> p > 10);
      c.check(false).percentage(p -> p > 10);
    });
  }

  @Test
  void examples() {
    assertTrue(FacilityType.isCode("infant-care-station"));
    assertTrue(FacilityType.isCode("a".repeat(48)));
    assertTrue(FacilityType.isCode("0-"));
    assertFalse(FacilityType.isCode("a".repeat(49)));
    assertFalse(FacilityType.isCode("-a"));
    assertFalse(FacilityType.isCode("Clinic"));
    assertFalse(FacilityType.isCode(""));
    assertFalse(FacilityType.isCode(null));
  }
}
