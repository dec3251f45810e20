package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.Id;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/** {@link IdTable}'s byte-slice side, which replay uses: {@code hashIfId} and {@code addIfAbsent}. */
class IdTableBytesTest {
  private static int valid;
  private static int invalid;

  @Provide
  Arbitrary<String> candidates() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("aZ09.-_:").ofMinLength(0).ofMaxLength(66),
        Arbitraries.strings().withChars("a9 .\u00e9\u5907\u007f/").ofMinLength(0).ofMaxLength(66))
        .edgeCases(c -> c.add("", "a", "x".repeat(64), "x".repeat(65), "-a", "a-"));
  }

  @Property(tries = 3000)
  void hashIfId_agreesWithIdIsValid_andGivesTheStringHash(
      @ForAll("candidates") String candidate) {
    byte[] bytes = ("<<" + candidate + ">>").getBytes(StandardCharsets.UTF_8);
    int length = bytes.length - 4;
    long hash = IdTable.hashIfId(bytes, 2, length);
    String decoded = new String(bytes, 2, length, StandardCharsets.UTF_8);
    assertEquals(Id.isValid(decoded), hash >= 0, candidate);
    if (hash >= 0) {
      assertEquals(decoded.hashCode(), (int) hash);
      valid++;
    } else {
      invalid++;
    }
  }

  @AfterContainer
  static void bothOutcomesReached() {
    assertTrue(valid >= 300, valid + " valid");
    assertTrue(invalid >= 300, invalid + " invalid");
  }

  @Test
  void addIfAbsent_addsOnce_andAgreesWithAddAndFind() {
    IdTable table = new IdTable();
    SplittableRandom random = new SplittableRandom(5);
    Map<String, Integer> slots = new HashMap<>();
    List<String> order = new ArrayList<>();
    byte[] record = new byte[128];
    int duplicates = 0;
    for (int i = 0; i < 20_000; i++) {
      String id = "t" + random.nextInt(15_000);
      if (random.nextInt(4) == 0) {
        // Through the String side too: both must see each other's ids.
        if (slots.containsKey(id)) {
          String known = id;
          assertThrows(IllegalStateException.class, () -> table.add(known));
          duplicates++;
        } else {
          slots.put(id, table.add(id));
          order.add(id);
        }
        continue;
      }
      byte[] b = id.getBytes(StandardCharsets.US_ASCII);
      int at = 1 + random.nextInt(record.length - b.length - 1);
      System.arraycopy(b, 0, record, at, b.length);
      int slot = table.addIfAbsent(record, at, b.length, (int) IdTable.hashIfId(record, at,
          b.length));
      if (slots.containsKey(id)) {
        assertEquals(-1, slot, id);
        duplicates++;
      } else {
        assertEquals(order.size(), slot, id);
        slots.put(id, slot);
        order.add(id);
      }
    }
    assertTrue(duplicates > 1000, duplicates + " duplicates");
    assertEquals(order.size(), table.size());
    for (Map.Entry<String, Integer> e : slots.entrySet()) {
      assertEquals(e.getValue(), table.find(e.getKey()));
      assertEquals(e.getKey(), table.get(e.getValue()));
    }
  }
}
