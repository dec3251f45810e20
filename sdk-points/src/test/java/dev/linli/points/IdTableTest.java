package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/** The compact store's id index against a list-and-map model, collisions and truncation included. */
class IdTableTest {
  /** The table grows when more than 5/8 of it would be taken (its probes then stay short). */
  @Test
  void theTableIsTooFullPastFiveEighths() {
    assertFalse(IdTable.tooFull(640, 1024));
    assertTrue(IdTable.tooFull(641, 1024));
    assertFalse(IdTable.tooFull(10_485_760, 1 << 24));
    assertTrue(IdTable.tooFull(10_485_761, 1 << 24));
  }

  /**
   * An id whose {@link String#hashCode()} equals every other id of the same length made this way:
   * "Aa" and "BB" hash alike, so every string of them does too.
   */
  static String colliding(int bits, int n) {
    StringBuilder b = new StringBuilder("c");
    for (int i = 0; i < bits; i++) {
      b.append((n >>> i & 1) == 0 ? "Aa" : "BB");
    }
    return b.toString();
  }

  @Test
  void collidingIds_areFoundBySlot_andTruncationShiftsTheRunBack() {
    assertEquals(colliding(6, 0).hashCode(), colliding(6, 63).hashCode());
    IdTable t = new IdTable();
    for (int n = 0; n < 64; n++) {
      assertEquals(n, t.add(colliding(6, n)));
    }
    for (int n = 0; n < 64; n++) {
      assertEquals(n, t.find(colliding(6, n)));
      assertEquals(colliding(6, n), t.get(n));
    }
    t.truncate(10);
    assertEquals(10, t.size());
    for (int n = 0; n < 64; n++) {
      assertEquals(n < 10 ? n : -1, t.find(colliding(6, n)), colliding(6, n));
    }
    assertEquals(10, t.add(colliding(6, 40)));
    assertEquals(10, t.find(colliding(6, 40)));
  }

  @Test
  void pagesAndGrowth_keepEveryId_acrossATruncationToAPageBoundary() {
    IdTable t = new IdTable();
    for (int n = 0; n < 20_000; n++) {
      t.add("t" + n);
    }
    t.truncate(8_192);
    for (int n = 8_192; n < 30_000; n++) {
      assertEquals(n, t.add("u" + n));
    }
    for (int n = 0; n < 30_000; n++) {
      String id = n < 8_192 ? "t" + n : "u" + n;
      assertEquals(n, t.find(id), id);
      assertEquals(id, t.get(n));
      if (n >= 8_192 && n < 20_000) {
        assertEquals(-1, t.find("t" + n));
      }
    }
  }

  @Test
  void aStoredId_orANonAsciiOne_isRefused_withTheIdInTheMessage() {
    IdTable t = new IdTable();
    t.add("t-1");
    IllegalStateException twice = assertThrows(IllegalStateException.class, () -> t.add("t-1"));
    assertTrue(twice.getMessage().contains("t-1"), twice.getMessage());
    IllegalStateException wide = assertThrows(IllegalStateException.class, () -> t.add("t-é"));
    assertTrue(wide.getMessage().contains("t-é"), wide.getMessage());
    assertEquals(1, t.size());
    assertEquals(-1, t.find("t-é"));
  }

  /**
   * Random adds (a quarter of them from one family of colliding hashes), truncations and look-ups
   * agree with a model after every step; each try grows the table past two resizes.
   */
  @Property(tries = 30)
  void randomAddsAndTruncations_agreeWithTheModel(@ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    IdTable table = new IdTable();
    List<String> model = new ArrayList<>();
    Map<String, Integer> slots = new HashMap<>();
    int fresh = 0;
    int truncated = 0;
    int collidingFound = 0;
    for (int step = 0; step < 6_000; step++) {
      // The first 2,000 steps only add, past two resizes of the index.
      int op = step < 2_000 ? 0 : random.nextInt(100);
      if (op < 60) {
        String id = random.nextInt(4) == 0 ? colliding(10, random.nextInt(1024))
            : "id-" + random.nextInt(1_000_000);
        if (slots.containsKey(id)) {
          String was = id;
          assertThrows(IllegalStateException.class, () -> table.add(was));
          continue;
        }
        assertEquals(model.size(), table.add(id));
        slots.put(id, model.size());
        model.add(id);
        fresh++;
      } else if (op < 70) {
        int mark = model.size() - random.nextInt(Math.min(model.size(), 300) + 1);
        if (mark < model.size()) {
          truncated++;
        }
        table.truncate(mark);
        while (model.size() > mark) {
          slots.remove(model.remove(model.size() - 1));
        }
      } else {
        String id = random.nextInt(2) == 0 && !model.isEmpty()
            ? model.get(random.nextInt(model.size()))
            : colliding(10, random.nextInt(1024));
        int expected = slots.getOrDefault(id, -1);
        assertEquals(expected, table.find(id), id);
        if (expected >= 0 && id.startsWith("c")) {
          collidingFound++;
        }
      }
      assertEquals(model.size(), table.size());
    }
    for (int slot = 0; slot < model.size(); slot++) {
      assertEquals(slot, table.find(model.get(slot)));
      assertEquals(model.get(slot), table.get(slot));
    }
    assertTrue(fresh >= 2_000 && truncated >= 10 && collidingFound >= 10,
        "fresh " + fresh + ", truncated " + truncated + ", colliding found " + collidingFound);
    Statistics.label("truncations").collect(truncated >= 10);
  }

  @Test
  void prefetch_changesNoLookUp_andAMissStillReusesItsPlace() {
    IdTable t = new IdTable();
    for (int n = 0; n < 2_000; n++) {
      t.add("t" + n);
    }
    List<TransferRequest> batch = new ArrayList<>();
    for (int n = 1_990; n < 2_010; n++) {
      batch.add(TransferRequest.of("t" + n, "pool", "m1", 1, "earn"));
    }
    assertEquals(-1, t.find("t2000"));
    t.prefetch(batch, 0, batch.size());
    assertEquals(2_000, t.size());
    for (int n = 1_990; n < 2_000; n++) {
      assertEquals(n, t.find("t" + n));
    }
    // The miss before the prefetch and one after it both add at the place the look-up found.
    assertEquals(-1, t.find("t2000"));
    assertEquals(2_000, t.add("t2000"));
    assertEquals(2_000, t.find("t2000"));
    assertEquals(-1, t.find("t2001"));
    t.prefetch(batch, 0, batch.size());
    assertEquals(2_001, t.add("t2001"));
    assertEquals(2_001, t.find("t2001"));
    assertEquals(1_999, t.find("t1999"));
  }

  /** The first {@code count} ids {@code prefix + n} whose home in a table of 1,024 is {@code home}. */
  private static List<String> idsWithHome(String prefix, int home, int count) {
    List<String> out = new ArrayList<>();
    for (int n = 0; out.size() < count; n++) {
      if (IdTable.home((prefix + n).hashCode(), 1_023) == home) {
        out.add(prefix + n);
      }
    }
    return out;
  }

  /**
   * A look-up reads the first four entries from an id's home at once (a new table has 1,024): its
   * answer across the table's end, when all four are taken, and when entries of the same hash
   * come before the first empty one must be the loop's.
   */
  @Test
  void lookUp_acrossTheTableEnd_pastFourTakenEntries_andAmongEqualHashes() {
    IdTable t = new IdTable();
    List<String> atEnd = idsWithHome("w", 1_022, 6);
    for (int k = 0; k < 3; k++) {
      assertEquals(k, t.add(atEnd.get(k)));
    }
    // Entries 1022, 1023 and 0 are taken: the miss is entry 1, across the end.
    assertEquals(-1, t.find(atEnd.get(3)));
    assertEquals(3, t.add(atEnd.get(3)));
    // All four entries from home are taken: the look-up goes on to entry 2.
    assertEquals(-1, t.find(atEnd.get(4)));
    assertEquals(4, t.add(atEnd.get(4)));
    for (int k = 0; k < 5; k++) {
      assertEquals(k, t.find(atEnd.get(k)), atEnd.get(k));
    }
    assertEquals(-1, t.find(atEnd.get(5)));

    IdTable c = new IdTable();
    assertEquals(0, c.add(colliding(6, 0)));
    assertEquals(1, c.add(colliding(6, 1)));
    // Two entries of the same hash, then an empty one: found by content, or a miss after them.
    assertEquals(1, c.find(colliding(6, 1)));
    assertEquals(0, c.find(colliding(6, 0)));
    assertEquals(-1, c.find(colliding(6, 2)));
    assertEquals(2, c.add(colliding(6, 2)));
    assertEquals(2, c.find(colliding(6, 2)));
    assertThrows(IllegalStateException.class, () -> c.add(colliding(6, 1)));
  }
}
