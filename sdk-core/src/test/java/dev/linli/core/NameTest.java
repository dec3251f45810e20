package dev.linli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class NameTest {
  @Test
  void blankNames_rejectedWithFieldAndRule() {
    InvalidValueException e = assertThrows(InvalidValueException.class, () -> Name.of("  ", null));
    assertEquals("name = \"\": needs a Chinese or an English name, or both", e.getMessage());
    assertEquals("invalid-value", e.code());
  }

  @Test
  void display_prefersChinese() {
    assertEquals("景芳", Name.of("景芳", "Jingfang").display());
    assertEquals("Jingfang", Name.of("", "Jingfang").display());
    assertEquals("景芳 (Jingfang)", Name.of(" 景芳 ", "Jingfang").toString());
  }

  @Property
  void strippedPartsAreKept(@ForAll("nonBlank") String zh) {
    assertEquals(zh.strip(), Name.of(zh, "").zh());
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> nonBlank() {
    return net.jqwik.api.Arbitraries.strings().withCharRange('一', '龥').ofMinLength(1).ofMaxLength(20);
  }

  /** Whitespace a form or spreadsheet leaves around a name: ASCII, tab, newline, 全角 space. */
  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> padding() {
    return net.jqwik.api.Arbitraries.strings().withChars(' ', '\t', '\n', '\r', '\u3000')
        .ofMaxLength(4);
  }

  @Property
  void surroundingWhitespace_isStripped_innerWhitespaceKept(@ForAll("nonBlank") String a,
      @ForAll("nonBlank") String b, @ForAll("padding") String before,
      @ForAll("padding") String inner, @ForAll("padding") String after) {
    String core = inner.isEmpty() ? a : a + inner + b;
    Name name = Name.of(before + core + after, after + "Jingfang" + before);
    assertEquals(core, name.zh());
    assertEquals("Jingfang", name.en());
  }

  @Property
  void whitespaceOnly_isBlank_andRefused(@ForAll("padding") String zh,
      @ForAll("padding") String en) {
    assertThrows(InvalidValueException.class, () -> Name.of(zh, en));
  }
}
