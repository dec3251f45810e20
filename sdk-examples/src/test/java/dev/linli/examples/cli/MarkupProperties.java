package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.w3c.dom.Element;

class MarkupProperties {
  /** Whatever a name or reason holds, the page stays well-formed and shows the text as written. */
  @Property(tries = 500)
  void anyText_parsesAsXml_andReadsBackWithTheCharactersXmlCannotHoldReplaced(
      @ForAll String text, @ForAll String attribute) throws Exception {
    String xml = new Markup().open("td", "title", attribute).text(text).close("td").finish();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    Element td = f.newDocumentBuilder().parse(new ByteArrayInputStream(
        xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    assertEquals(xmlSafe(text, false), td.getTextContent());
    assertEquals(xmlSafe(attribute, true), td.getAttribute("title"));
  }

  /**
   * The text as an XML parser reads it back: code points outside XML 1.0's range (and lone
   * surrogates) become U+FFFD; in text content a CR or CR LF reads back as one newline (XML line-end
   * normalisation), while attributes carry them as character references.
   */
  private static String xmlSafe(String s, boolean attribute) {
    StringBuilder out = new StringBuilder();
    String text = attribute ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    text.codePoints().forEach(c -> {
      if (c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF
          || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000) {
        out.appendCodePoint(c);
      } else {
        out.append('\uFFFD');
      }
    });
    return out.toString();
  }
}
