package dev.linli.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PrettyLayoutTest {
  private static final ObjectMapper MAPPER = JsonMapping.mapper(false);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The default printer's text and this layout's, as bytes. */
  private static void assertSameText(JsonNode tree) throws Exception {
    byte[] expected = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
    byte[] actual = MAPPER.writer(new PrettyLayout()).writeValueAsBytes(tree);
    assertEquals(new String(expected, java.nio.charset.StandardCharsets.UTF_8),
        new String(actual, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static JsonNode tree(SplittableRandom r, int depth, int[] deepest, int level) {
    deepest[0] = Math.max(deepest[0], level);
    int kind = depth == 0 ? 2 + r.nextInt(4) : r.nextInt(6);
    switch (kind) {
      case 0: {
        ObjectNode o = NODES.objectNode();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          o.set("k" + i + (r.nextBoolean() ? "名" : ""), tree(r, depth - 1, deepest, level + 1));
        }
        return o;
      }
      case 1: {
        ArrayNode a = NODES.arrayNode();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.add(tree(r, depth - 1, deepest, level + 1));
        }
        return a;
      }
      case 2:
        return NODES.numberNode(Double.longBitsToDouble(r.nextLong()));
      case 3:
        return NODES.numberNode(r.nextInt());
      case 4:
        return NODES.textNode("社区 \"" + r.nextInt(100) + "\"\n");
      default:
        return r.nextBoolean() ? NODES.booleanNode(r.nextBoolean()) : NODES.nullNode();
    }
  }

  @Property(tries = 300)
  void sameTextAsTheDefaultPrettyPrinter(@ForAll long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    assertSameText(tree(r, 1 + r.nextInt(8), new int[1], 0));
  }

  @Test
  void sameTextAsTheDefaultPrettyPrinter_pastTheReadyMadeLevels() throws Exception {
    int deepestSeen = 0;
    for (long seed = 0; seed < 40; seed++) {
      int[] deepest = new int[1];
      // Objects and arrays nested 40 deep: past the 32 levels of ready-made indentation.
      JsonNode leaf = tree(new SplittableRandom(seed), 3, deepest, 0);
      for (int level = 0; level < 40; level++) {
        ObjectNode o = NODES.objectNode();
        o.put("level", level);
        o.set(level % 2 == 0 ? "inner" : "list", level % 2 == 0 ? leaf : NODES.arrayNode()
            .add(leaf).add(level));
        leaf = o;
      }
      assertSameText(leaf);
      deepestSeen = Math.max(deepestSeen, deepest[0] + 40);
    }
    assertTrue(deepestSeen > 40, "nested past the ready-made levels: " + deepestSeen);
    assertSameText(NODES.objectNode());
    assertSameText(NODES.arrayNode());
  }
}
