package dev.linli.core.circle;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code profiles.json}'s bytes directly: the text Jackson's UTF-8 generator wrote with the
 * default pretty printer, byte for byte, without a generator between the fields and the bytes. The document is every measure of every
 * type of every community (11.6 MB for 1,260 communities), and the generator's per-call checks,
 * its context, the printer's callbacks and the copying of each number's text through a char
 * buffer took more of a command-line run than the numbers' text itself.
 *
 * <p>The layout: objects one field a line, indented two spaces a level, {@code " : "} between a
 * name and its value, the platform's line separator (as the printer's); arrays on one line,
 * {@code "[ a, b ]"}, empty ones {@code "[ ]"} and {@code "{ }"}. Strings are escaped as the
 * generator escapes them (quote, backslash and control characters; UTF-16 surrogates as
 * {@code \}{@code uXXXX}), numbers are {@link Double#toString}'s text ({@link
 * HealthCheckReports#integralText} for whole ones), and non-finite numbers are quoted.
 * {@code ProfilesJsonTest} compares the bytes with the document the mapper builds and prints, on
 * random profiles. Not thread-safe; one instance per document.
 */
final class ProfilesJson {
  private static final byte[] LF = DefaultIndenter.SYS_LF.getBytes(StandardCharsets.UTF_8);
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  /** Bytes kept before they go to the stream: a write call per 64 KB, not per 8 KB. */
  private static final int BUFFER = 1 << 16;

  private final OutputStream out;
  private final byte[] buf = new byte[BUFFER];
  private int used;

  private ProfilesJson(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes the document and a final line end.
   *
   * @param standardId the standard's id
   * @param travel the travel model's description
   * @param profiles the profiles, in order
   * @param out where to write UTF-8; flushed, not closed
   * @throws IOException if {@code out} fails
   */
  static void write(String standardId, String travel, List<CommunityProfile> profiles,
      OutputStream out) throws IOException {
    ProfilesJson w = new ProfilesJson(out);
    w.ascii("{");
    w.field(1, "format", true);
    w.string(HealthCheckReports.PROFILES_FORMAT);
    w.field(1, "version", false);
    w.ascii("1");
    w.field(1, "standard", false);
    w.string(standardId);
    w.field(1, "travel", false);
    w.string(travel);
    w.field(1, "profiles", false);
    w.ascii("[");
    for (int i = 0; i < profiles.size(); i++) {
      w.ascii(i == 0 ? " " : ", ");
      w.profile(profiles.get(i));
    }
    w.ascii(" ]");
    w.end(0);
    w.ascii("\n");
    w.flush();
  }

  /** A profile, an object at nesting level 2, its fields in the record's order. */
  private void profile(CommunityProfile p) throws IOException {
    ascii("{");
    boolean first = true;
    first = text(2, "communityId", p.communityId(), first);
    if (p.name() != null) {
      field(2, "name", first);
      first = false;
      ascii("{");
      boolean inner = text(3, "zh", p.name().zh(), true);
      inner = text(3, "en", p.name().en(), inner);
      closeObject(2, inner);
    }
    first = text(2, "districtId", p.districtId(), first);
    first = text(2, "subdistrictId", p.subdistrictId(), first);
    field(2, "population", first);
    ascii(Integer.toString(p.population()));
    field(2, "index", false);
    number(p.index());
    field(2, "categoryScores", false);
    ascii("{");
    boolean none = true;
    for (Map.Entry<String, Double> e : new TreeMap<>(p.categoryScores()).entrySet()) {
      if (e.getValue() != null) {
        field(3, e.getKey(), none);
        none = false;
        number(e.getValue());
      }
    }
    closeObject(2, none);
    field(2, "types", false);
    ascii("[");
    for (int i = 0; i < p.types().size(); i++) {
      ascii(i == 0 ? " " : ", ");
      type(p.types().get(i));
    }
    ascii(" ]");
    field(2, "missing", false);
    ascii("{");
    none = true;
    for (Map.Entry<String, List<String>> e : new TreeMap<>(p.missing()).entrySet()) {
      if (e.getValue() != null) {
        field(3, e.getKey(), none);
        none = false;
        texts(e.getValue());
      }
    }
    closeObject(2, none);
    field(2, "rank", false);
    ascii(Integer.toString(p.rank()));
    field(2, "districtRank", false);
    ascii(Integer.toString(p.districtRank()));
    field(2, "percentile", false);
    number(p.percentile());
    field(2, "stars", false);
    ascii(Integer.toString(p.stars()));
    field(2, "starsEarned", false);
    texts(p.starsEarned());
    text(2, "colour", p.colour(), false);
    field(2, "bottom", false);
    ascii(p.bottom() ? "true" : "false");
    field(2, "reasons", false);
    texts(p.reasons());
    end(1);
  }

  /** A type's measures, an object at nesting level 3. */
  private void type(TypeMeasure m) throws IOException {
    ascii("{");
    boolean first = text(3, "typeCode", m.typeCode(), true);
    first = text(3, "requiredLevel", m.requiredLevel(), first);
    if (m.nearestMetres() != null) {
      field(3, "nearestMetres", first);
      first = false;
      number(m.nearestMetres());
    }
    if (m.nearestMinutes() != null) {
      field(3, "nearestMinutes", first);
      first = false;
      number(m.nearestMinutes());
    }
    field(3, "coverage", first);
    numbers(m.coverage());
    field(3, "counts", false);
    numbers(m.counts());
    field(3, "gravity", false);
    number(m.gravity());
    field(3, "e2sfcaPer1000", false);
    number(m.e2sfcaPer1000());
    field(3, "score", false);
    number(m.score());
    field(3, "servedResidents", false);
    number(m.servedResidents());
    field(3, "servedWithoutAccess", false);
    number(m.servedWithoutAccess());
    end(2);
  }

  /** A field's name at {@code level}: on a line of its own, after a comma unless it is first. */
  private void field(int level, String name, boolean first) throws IOException {
    if (!first) {
      ascii(",");
    }
    line(level);
    string(name);
    ascii(" : ");
  }

  /** A text field, left out when null; returns whether the object still has no field. */
  private boolean text(int level, String name, String value, boolean first) throws IOException {
    if (value == null) {
      return first;
    }
    field(level, name, first);
    string(value);
    return false;
  }

  /** Ends an object whose fields were at {@code level + 1}. */
  private void end(int level) throws IOException {
    line(level);
    ascii("}");
  }

  /** Ends an object that may have had no field: {@code "{ }"} then. */
  private void closeObject(int level, boolean empty) throws IOException {
    if (empty) {
      ascii(" }");
    } else {
      end(level);
    }
  }

  private void line(int level) throws IOException {
    bytes(LF);
    for (int i = 0; i < level; i++) {
      ascii("  ");
    }
  }

  private void texts(List<String> values) throws IOException {
    if (values.isEmpty()) {
      ascii("[ ]");
      return;
    }
    ascii("[ ");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        ascii(", ");
      }
      string(values.get(i));
    }
    ascii(" ]");
  }

  private void numbers(List<Double> values) throws IOException {
    if (values.isEmpty()) {
      ascii("[ ]");
      return;
    }
    ascii("[ ");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        ascii(", ");
      }
      number(values.get(i));
    }
    ascii(" ]");
  }

  /** A number as the generator wrote it: a non-finite one quoted, the others unquoted. */
  private void number(double v) throws IOException {
    String integral = HealthCheckReports.integralText(v);
    if (integral != null) {
      ascii(integral);
    } else if (Double.isFinite(v)) {
      ascii(Double.toString(v));
    } else {
      string(Double.toString(v));
    }
  }

  /** A JSON string, quoted and escaped as the generator escapes it, in UTF-8. */
  private void string(String s) throws IOException {
    room(2);
    buf[used++] = '"';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      room(6);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          buf[used++] = (byte) c;
        } else {
          escape(c);
        }
      } else if (c < 0x800) {
        buf[used++] = (byte) (0xc0 | (c >> 6));
        buf[used++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        unicodeEscape(c);
      } else {
        buf[used++] = (byte) (0xe0 | (c >> 12));
        buf[used++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[used++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    room(1);
    buf[used++] = '"';
  }

  private void escape(char c) {
    buf[used++] = '\\';
    switch (c) {
      case '"' -> buf[used++] = '"';
      case '\\' -> buf[used++] = '\\';
      case '\b' -> buf[used++] = 'b';
      case '\t' -> buf[used++] = 't';
      case '\n' -> buf[used++] = 'n';
      case '\f' -> buf[used++] = 'f';
      case '\r' -> buf[used++] = 'r';
      default -> {
        used--;
        unicodeEscape(c);
      }
    }
  }

  private void unicodeEscape(char c) {
    buf[used++] = '\\';
    buf[used++] = 'u';
    buf[used++] = HEX[(c >> 12) & 0xf];
    buf[used++] = HEX[(c >> 8) & 0xf];
    buf[used++] = HEX[(c >> 4) & 0xf];
    buf[used++] = HEX[c & 0xf];
  }

  /** Text known to be ASCII (numbers, punctuation, names of Linli's own fields). */
  private void ascii(String s) throws IOException {
    int n = s.length();
    if (n > BUFFER - used) {
      flushBuffer();
    }
    for (int i = 0; i < n; i++) {
      buf[used++] = (byte) s.charAt(i);
    }
  }

  private void bytes(byte[] b) throws IOException {
    room(b.length);
    System.arraycopy(b, 0, buf, used, b.length);
    used += b.length;
  }

  private void room(int n) throws IOException {
    if (n > BUFFER - used) {
      flushBuffer();
    }
  }

  private void flushBuffer() throws IOException {
    out.write(buf, 0, used);
    used = 0;
  }

  private void flush() throws IOException {
    flushBuffer();
    out.flush();
  }
}
