package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarkupTest {
  @Test
  void text_andAttributes_areEscaped() {
    String out = new Markup().open("p", "title", "a \"quoted\" <b> & 'x'\nnext")
        .text("1 < 2 & 3 > 2 \"ok\"").close("p").finish();
    assertEquals("<p title=\"a &quot;quoted&quot; &lt;b&gt; &amp; &apos;x&apos;&#xA;next\">"
        + "1 &lt; 2 &amp; 3 &gt; 2 \"ok\"</p>\n", out);
  }

  @Test
  void charactersXmlCannotCarry_areReplaced_othersKept() {
    String out = new Markup().element("td", "景\u0000芳\u0007\uD800社区\uD83C\uDFE0\uFFFF").finish();
    assertEquals("<td>景\uFFFD芳\uFFFD\uFFFD社区\uD83C\uDFE0\uFFFD</td>\n", out);
  }

  @Test
  void nullAttribute_isLeftOut_emptyElement_selfCloses() {
    assertEquals("<circle r=\"4.5\"/>\n", new Markup().empty("circle", "r", "4.5", "fill", null)
        .finish());
  }

  @Test
  void closingTheWrongElement_throws() {
    Markup m = new Markup().open("table").open("tr");
    assertEquals("closing <table> but <tr> is open",
        assertThrows(IllegalStateException.class, () -> m.close("table")).getMessage());
  }

  @Test
  void finishWithOpenElements_throws() {
    Markup m = new Markup().open("html").open("body");
    assertEquals("elements left open: [body, html]",
        assertThrows(IllegalStateException.class, m::finish).getMessage());
  }

  @Test
  void raw_refusesMarkup_doctypeOnlyFirst() {
    assertThrows(IllegalArgumentException.class, () -> new Markup().raw("a < b"));
    assertThrows(IllegalStateException.class, () -> new Markup().text("x").doctype());
    assertEquals("<!DOCTYPE html>\n", new Markup().doctype().finish());
  }

  @Test
  void oddAttributeList_throws() {
    assertThrows(IllegalArgumentException.class, () -> new Markup().empty("rect", "width"));
  }

  @Test
  void numbers_useADotWhateverTheLocale() {
    assertEquals("1234.6", Markup.num(1234.56));
  }
}
