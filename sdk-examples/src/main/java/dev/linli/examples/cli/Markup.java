package dev.linli.examples.cli;

import dev.linli.core.circle.HealthCheckReports;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * Writes well-formed markup (XHTML-compatible HTML5 and SVG) into a string: every element is closed,
 * every text and attribute value escaped, and characters XML cannot carry replaced by U+FFFD, so that the
 * output parses with any XML parser as well as with browsers. Elements are closed in order; closing
 * the wrong one is a bug and throws. Not thread-safe.
 */
final class Markup {
  /** A surrogate that is not half of a pair: regular expressions see pairs as one code point. */
  private static final Pattern LONE_SURROGATE = Pattern.compile("\\p{Cs}");

  private final StringBuilder out = new StringBuilder(1 << 16);
  private final Deque<String> open = new ArrayDeque<>();

  /**
   * Writes the HTML5 document type, which XML parsers also accept; call it first.
   *
   * @return this
   */
  Markup doctype() {
    if (out.length() > 0) {
      throw new IllegalStateException("the document type comes first");
    }
    out.append("<!DOCTYPE html>\n");
    return this;
  }

  /**
   * Opens an element.
   *
   * @param tag the element name
   * @param attributes name, value pairs; a null value leaves the attribute out
   * @return this
   */
  Markup open(String tag, Object... attributes) {
    start(tag, attributes);
    out.append('>');
    open.push(tag);
    return this;
  }

  /**
   * Closes the innermost open element, which must be {@code tag}.
   *
   * @param tag the element expected to be open
   * @return this
   */
  Markup close(String tag) {
    String top = open.pop();
    if (!top.equals(tag)) {
      throw new IllegalStateException("closing <" + tag + "> but <" + top + "> is open");
    }
    out.append("</").append(tag).append(">\n");
    return this;
  }

  /**
   * Writes an element with text content (possibly empty) and closes it.
   *
   * @param tag the element name
   * @param text the content, escaped
   * @param attributes name, value pairs
   * @return this
   */
  Markup element(String tag, Object text, Object... attributes) {
    start(tag, attributes);
    out.append('>');
    escape(String.valueOf(text), false);
    out.append("</").append(tag).append(">\n");
    return this;
  }

  /**
   * Writes an element with no content as a self-closing tag ({@code <br/>}, {@code <circle/>}).
   *
   * @param tag the element name
   * @param attributes name, value pairs
   * @return this
   */
  Markup empty(String tag, Object... attributes) {
    start(tag, attributes);
    out.append("/>\n");
    return this;
  }

  /**
   * Writes text into the current element.
   *
   * @param text the text, escaped
   * @return this
   */
  Markup text(Object text) {
    escape(String.valueOf(text), false);
    return this;
  }

  /**
   * Writes text that is already markup, such as a style sheet without {@code <} or {@code &}.
   *
   * @param trusted text written as is; must not contain {@code <} or {@code &}
   * @return this
   */
  Markup raw(String trusted) {
    if (trusted.indexOf('<') >= 0 || trusted.indexOf('&') >= 0) {
      throw new IllegalArgumentException("raw text must not contain < or &");
    }
    out.append(trusted);
    return this;
  }

  /**
   * Returns the markup written so far.
   *
   * @return the text
   * @throws IllegalStateException if an element is still open
   */
  String finish() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("elements left open: " + open);
    }
    return out.toString();
  }

  /**
   * Formats a number for an attribute with one decimal, whatever the default locale.
   *
   * @param v the number
   * @return the text
   */
  static String num(double v) {
    // The same text as String.format(Locale.ROOT, "%.1f", v), without a formatter and a locale
    // lookup per number: a map has thousands.
    return HealthCheckReports.fixed(v, 1);
  }

  private void start(String tag, Object... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs: " + tag);
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        out.append(' ').append(attributes[i]).append("=\"");
        escape(String.valueOf(attributes[i + 1]), true);
        out.append('"');
      }
    }
  }

  /** Whether {@code s} has a surrogate at all; most texts do not and skip the pattern. */
  private static boolean hasSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isSurrogate(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private void escape(String s, boolean attribute) {
    // Lone surrogates (which no UTF-8 file can hold) become U+FFFD first; pairs stay.
    String text = hasSurrogate(s) ? LONE_SURROGATE.matcher(s).replaceAll("\uFFFD") : s;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\'' -> out.append(attribute ? "&apos;" : "'");
        // In an attribute a raw line end or tab would be normalised to a space by the reader.
        case '\t' -> out.append(attribute ? "&#x9;" : "\t");
        case '\n' -> out.append(attribute ? "&#xA;" : "\n");
        case '\r' -> out.append(attribute ? "&#xD;" : "\r");
        default -> out.append(c < 0x20 || c == '\uFFFE' || c == '\uFFFF' ? '\uFFFD' : c);
      }
    }
  }
}
