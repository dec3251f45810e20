package dev.linli.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

/** The loop that checks transfer codes agrees with the rule's regular expression. */
class TransferRequestCodeTest {
  private static final Pattern RULE = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
  private static int valid;
  private static int invalid;

  @Provide
  Arbitrary<String> candidates() {
    return Arbitraries.oneOf(Arbitraries.strings().withChars("ab9-").ofMinLength(0)
        .ofMaxLength(50), Arbitraries.strings().withChars("ab9-Z_ é").ofMinLength(0)
        .ofMaxLength(50)).edgeCases(c -> c.add("-a", "a-", "a".repeat(48), "a".repeat(49)));
  }

  @Property(tries = 2000)
  void isCode_agreesWithTheRule(@ForAll("candidates") String candidate) {
    boolean expected = RULE.matcher(candidate).matches();
    assertEquals(expected, TransferRequest.isCode(candidate), candidate);
    if (expected) {
      valid++;
    } else {
      invalid++;
    }
  }

  @AfterContainer
  static void bothSidesWereReached() {
    assertTrue(valid >= 100 && invalid >= 100, "valid " + valid + ", invalid " + invalid);
  }

  @Test
  void edges() {
    assertTrue(TransferRequest.isCode("a".repeat(48)));
    assertFalse(TransferRequest.isCode("a".repeat(49)));
    assertFalse(TransferRequest.isCode("-a"));
    assertTrue(TransferRequest.isCode("a-"));
    assertFalse(TransferRequest.isCode(""));
    assertFalse(TransferRequest.isCode(null));
  }
}
