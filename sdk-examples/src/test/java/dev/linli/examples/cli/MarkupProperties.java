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
  void anyText_parsesAsXml_andReadsBackWithoutTheCharactersXmlCannotHold(
      @ForAll String text, @ForAll String attribute) throws Exception {
    String xml = new Markup().open("td", "title", attribute).text(text).close("td").finish();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    Element td = f.newDocumentBuilder().parse(new ByteArrayInputStream(
        xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    assertEquals(xmlSafe(text, false), td.getTextContent());
    assertEquals(xmlSafe(attribute, true), td.getAttribute("title"));
  }

  /** The XML 1.0 character range; tabs and newlines become spaces in attributes. */
  private static String xmlSafe(String s, boolean attribute) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(c -> {
      if (c == '\t' || c == '\n') {
        out.append(attribute ? ' ' : (char) c);
      } else if (c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000) {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
