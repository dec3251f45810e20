package dev.linli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.circle.CircleLevel;
import dev.linli.core.place.District;
import dev.linli.core.place.Subdistrict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The records whose {@code equals} is written out (Name, District, Subdistrict, CircleLevel) are
 * equal exactly when every component is, as a record's generated {@code equals}, and their hash
 * codes agree with it. Components are drawn from two values each, so that equal pairs and pairs
 * differing in one component are both common.
 */
class RecordEqualityTest {
  private static final String[] IDS = {"sc", "xh"};
  private static final String[] TEXTS = {"上城", "Shangcheng"};

  /** Every pair of the 256 combinations: each record equal and unequal many times. */
  @Test
  void equalExactlyWhenEveryComponentIs_overEveryCombination() {
    int equal = 0;
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        equal += pair(a, b);
      }
    }
    // Names agree in 2 bits of 8 (a quarter of the pairs), districts 3, subdistricts 4, levels 4.
    assertEquals(65_536 / 4 + 65_536 / 8 + 65_536 / 16 + 65_536 / 16, equal);
  }

  /** Bit i of a and b picks the first or second value of component i; how many pairs are equal. */
  private static int pair(int a, int b) {
    Name na = new Name(TEXTS[a & 1], TEXTS[a >> 1 & 1]);
    Name nb = new Name(TEXTS[b & 1], TEXTS[b >> 1 & 1]);
    check(na, nb, (a & 3) == (b & 3));
    check(new District(IDS[a >> 2 & 1], na), new District(IDS[b >> 2 & 1], nb),
        (a & 7) == (b & 7));
    check(new Subdistrict(IDS[a >> 2 & 1], IDS[a >> 3 & 1], na),
        new Subdistrict(IDS[b >> 2 & 1], IDS[b >> 3 & 1], nb), (a & 15) == (b & 15));
    check(level(a), level(b), (a >> 4) == (b >> 4));
    return ((a & 3) == (b & 3) ? 1 : 0) + ((a & 7) == (b & 7) ? 1 : 0)
        + ((a & 15) == (b & 15) ? 1 : 0) + ((a >> 4) == (b >> 4) ? 1 : 0);
  }

  private static CircleLevel level(int bits) {
    return new CircleLevel(IDS[bits >> 4 & 1], 5 + (bits >> 5 & 1), 400 + 0.5 * (bits >> 6 & 1),
        List.of(TEXTS[bits >> 7 & 1]));
  }

  private static void check(Object x, Object y, boolean same) {
    assertEquals(same, x.equals(y), x + " / " + y);
    assertEquals(same, y.equals(x), y + " / " + x);
    if (same) {
      assertEquals(x.hashCode(), y.hashCode(), x + " / " + y);
    }
    assertTrue(x.equals(x));
    assertFalse(x.equals(null));
    assertFalse(x.equals("not a record"));
  }

  @Test
  void aLevelIsEqualOnlyWithTheSameDistanceToTheLastBit() {
    CircleLevel a = new CircleLevel("5min", 5, 400.0, List.of("kindergarten"));
    assertFalse(a.equals(new CircleLevel("5min", 5, Math.nextUp(400.0), List.of("kindergarten"))));
    assertTrue(a.equals(new CircleLevel("5min", 5, 400.0, List.of("kindergarten"))));
    assertEquals(List.of(a).indexOf(new CircleLevel("5min", 5, 400.0, List.of("kindergarten"))), 0);
  }
}
