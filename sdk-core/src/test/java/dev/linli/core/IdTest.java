package dev.linli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IdTest {
  @Provide
  Arbitrary<String> candidates() {
    return Arbitraries.strings().withChars("aZ09._:- é/中").ofMinLength(0).ofMaxLength(70);
  }

  @Property(tries = 2000)
  void theFastCheck_agreesWithTheRule(@ForAll("candidates") String s) {
    assertEquals(Id.matchesRule(s), Id.isValid(s), s);
  }

  @Test
  void examples() {
    assertTrue(Id.isValid("M001.points"));
    assertTrue(Id.isValid("a".repeat(64)));
    assertFalse(Id.isValid("a".repeat(65)));
    assertFalse(Id.isValid(".hidden"));
    assertFalse(Id.isValid("王"));
    assertFalse(Id.isValid(""));
    assertFalse(Id.isValid(null));
    InvalidValueException e = assertThrows(InvalidValueException.class,
        () -> Id.require("a b", "memberId"));
    assertEquals("memberId", e.field());
  }
}
