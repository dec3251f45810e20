package dev.linli.points.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@code Decoder.getShared}: the text of {@code getString}, one instance for repeated text. */
class RecordCodecSharedTest {
  @Property(tries = 50)
  void getShared_readsWhatGetStringReads_andReusesRepeats(
      @ForAll @IntRange(min = 1, max = 30_000) int distinct, @ForAll long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      texts.add(switch (random.nextInt(10)) {
        case 0 -> "é" + i;
        case 1 -> null;
        default -> "m" + i;
      });
    }
    RecordCodec.Encoder e = new RecordCodec.Encoder(1 << 16);
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 4 * distinct; i++) {
      String s = texts.get(random.nextInt(distinct));
      written.add(s);
      e.putString(s);
    }
    RecordCodec.Decoder plain = new RecordCodec.Decoder();
    plain.reset(e.buf, 0, e.size);
    RecordCodec.Decoder shared = new RecordCodec.Decoder();
    shared.reset(e.buf, 0, e.size);
    java.util.Map<String, String> first = new java.util.HashMap<>();
    int repeats = 0;
    int reused = 0;
    for (String s : written) {
      String expected = plain.getString();
      String got = shared.getShared();
      assertEquals(s, expected);
      assertEquals(expected, got);
      if (got != null && got.charAt(0) == 'm') {
        String before = first.putIfAbsent(got, got);
        if (before != null) {
          repeats++;
          reused += before == got ? 1 : 0;
        }
      }
    }
    assertTrue(shared.atEnd());
    // Up to ten thousand ids all stay (two places per hash in 65,536), and most of more.
    if (distinct <= 10_000) {
      assertTrue(reused >= repeats * 0.95, reused + " of " + repeats);
    }
  }

  @Test
  void nullAndRepeats() {
    RecordCodec.Encoder e = new RecordCodec.Encoder(64);
    e.putString("pool");
    e.putString(null);
    e.putString("pool");
    RecordCodec.Decoder d = new RecordCodec.Decoder();
    d.reset(e.buf, 0, e.size);
    String a = d.getShared();
    assertNull(d.getShared());
    assertSame(a, d.getShared());
  }
}
