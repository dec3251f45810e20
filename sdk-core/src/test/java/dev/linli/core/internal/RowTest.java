package dev.linli.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

class RowTest {
  /** The rule as the regex it was written as before the hand-written check replaced it. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");

  @Property(tries = 5000)
  void plainDecimal_acceptsExactlyWhatTheRegexAccepts(@ForAll("numberLike") String s) {
    boolean accepted = Row.plainDecimal(s);
    assertEquals(DECIMAL.matcher(s).matches(), accepted, s);
    Statistics.label("accepted").collect(accepted);
    // Both answers must be reached often enough to compare: numbers as well as non-numbers.
    Statistics.label("accepted").coverage(c -> {
      c.check(true).percentage(p -> p > 2);
      c.check(false).percentage(p -> p > 20);
    });
  }

  /** Texts built from the pieces of numbers, so that near misses are as common as numbers. */
  @Provide
  Arbitrary<String> numberLike() {
    return Arbitraries.of("+", "-", ".", "e", "E", "0", "7", "12", "345", "6789", "x", " ",
        "\u0663").list().ofMaxSize(7).map(parts -> String.join("", parts));
  }

  @Test
  void plainDecimal_examples() {
    for (String ok : new String[] {"30.261483", "-0.5", "+7", "5.", ".5", "1e5", "1E+300",
        "2.5e-3", "0"}) {
      assertTrue(Row.plainDecimal(ok), ok);
    }
    for (String bad : new String[] {"", "+", ".", "-.", "1e", "1e+", "1e1234", "0x1p4", "30.2d",
        "120.2f", "1.2.3", " 1", "NaN", "Infinity", "\u0661\u0662"}) {
      assertFalse(Row.plainDecimal(bad), bad);
    }
  }

  @Test
  void number_rejectsWhatJavaAloneWouldRead_withTheColumn() {
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> new Row(Map.of("lat", "0x1p4"), null).number("lat", null));
    assertEquals("lat", e.field());
    assertEquals(30.25, new Row(Map.of("lat", " 30.25 "), null).number("lat", null));
  }
}
