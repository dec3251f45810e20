package dev.linli.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RowDecodingTest {
  private static final java.util.concurrent.atomic.AtomicInteger ON_A_SECOND_THREAD =
      new java.util.concurrent.atomic.AtomicInteger();
  private static final java.util.concurrent.atomic.AtomicInteger TRIES =
      new java.util.concurrent.atomic.AtomicInteger();

  @Property(tries = 300)
  void everyRowIsDecodedOnce_inFileOrder(@ForAll @IntRange(min = 0, max = 5000) int rows) {
    List<String> seen = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    RowDecoding decoding = new RowDecoding((cells, line) -> {
      seen.add(cells[0]);
      lines.add(line);
      threads.add(Thread.currentThread().getName());
    });
    for (int i = 0; i < rows; i++) {
      decoding.add(new String[] {"r" + i}, i + 2L);
    }
    decoding.finish();
    assertEquals(rows, seen.size());
    for (int i = 0; i < rows; i++) {
      assertEquals("r" + i, seen.get(i));
      assertEquals(i + 2L, lines.get(i));
    }
    boolean second = threads.contains("linli-csv-rows");
    assertEquals(rows >= RowDecoding.BATCH, second, "a thread only for more than one batch");
    assertTrue(threads.size() <= 1, "one decoding thread: " + threads);
    TRIES.incrementAndGet();
    if (second) {
      ON_A_SECOND_THREAD.incrementAndGet();
    }
  }

  @AfterAll
  static void theSecondThreadWasReached() {
    if (TRIES.get() > 0) {
      assertTrue(ON_A_SECOND_THREAD.get() * 2 >= TRIES.get(), ON_A_SECOND_THREAD + " of " + TRIES);
    }
  }

  @Test
  void aRowThatFails_failsFinishWithItsException_afterTheRowsBeforeIt() {
    List<String> seen = new ArrayList<>();
    IllegalStateException boom = new IllegalStateException("row 1500");
    RowDecoding decoding = new RowDecoding((cells, line) -> {
      if (line == 1500) {
        throw boom;
      }
      seen.add(cells[0]);
    });
    for (int i = 0; i < 20 * RowDecoding.BATCH; i++) { // more than the queue holds
      decoding.add(new String[] {"r" + i}, i);
    }
    assertSame(boom, assertThrows(IllegalStateException.class, decoding::finish));
    assertEquals(1500, seen.size());
    assertEquals("r1499", seen.get(1499));
  }
}
