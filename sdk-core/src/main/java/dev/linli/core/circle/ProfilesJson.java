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

  /** The fixed fields' names, each with its line break, indentation and {@code " : "}. */
  private static final byte[] FORMAT = key(1, "format");
  private static final byte[] VERSION = key(1, "version");
  private static final byte[] STANDARD = key(1, "standard");
  private static final byte[] TRAVEL = key(1, "travel");
  private static final byte[] PROFILES = key(1, "profiles");
  private static final byte[] COMMUNITY_ID = key(2, "communityId");
  private static final byte[] NAME = key(2, "name");
  private static final byte[] ZH = key(3, "zh");
  private static final byte[] EN = key(3, "en");
  private static final byte[] DISTRICT_ID = key(2, "districtId");
  private static final byte[] SUBDISTRICT_ID = key(2, "subdistrictId");
  private static final byte[] POPULATION = key(2, "population");
  private static final byte[] INDEX = key(2, "index");
  private static final byte[] CATEGORY_SCORES = key(2, "categoryScores");
  private static final byte[] TYPES = key(2, "types");
  private static final byte[] MISSING = key(2, "missing");
  private static final byte[] RANK = key(2, "rank");
  private static final byte[] DISTRICT_RANK = key(2, "districtRank");
  private static final byte[] PERCENTILE = key(2, "percentile");
  private static final byte[] STARS = key(2, "stars");
  private static final byte[] STARS_EARNED = key(2, "starsEarned");
  private static final byte[] COLOUR = key(2, "colour");
  private static final byte[] BOTTOM = key(2, "bottom");
  private static final byte[] REASONS = key(2, "reasons");
  private static final byte[] TYPE_CODE = key(3, "typeCode");
  private static final byte[] REQUIRED_LEVEL = key(3, "requiredLevel");
  private static final byte[] NEAREST_METRES = key(3, "nearestMetres");
  private static final byte[] NEAREST_MINUTES = key(3, "nearestMinutes");
  private static final byte[] COVERAGE = key(3, "coverage");
  private static final byte[] COUNTS = key(3, "counts");
  private static final byte[] GRAVITY = key(3, "gravity");
  private static final byte[] E2SFCA = key(3, "e2sfcaPer1000");
  private static final byte[] SCORE = key(3, "score");
  private static final byte[] SERVED = key(3, "servedResidents");
  private static final byte[] SERVED_WITHOUT = key(3, "servedWithoutAccess");
  private static final byte[][] END = {line(0, "}"), line(1, "}"), line(2, "}")};

  private final OutputStream out;
  private final byte[] buf = new byte[BUFFER];
  private int used;

  /** A line break, {@code level} indentations and {@code text}, as bytes. */
  private static byte[] line(int level, String text) {
    return (DefaultIndenter.SYS_LF + "  ".repeat(level) + text).getBytes(StandardCharsets.UTF_8);
  }

  /** A fixed field's name at {@code level} (plain ASCII, nothing to escape) and its separator. */
  private static byte[] key(int level, String name) {
    return line(level, "\"" + name + "\" : ");
  }

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
    w.field(FORMAT, true);
    w.string(HealthCheckReports.PROFILES_FORMAT);
    w.field(VERSION, false);
    w.ascii("1");
    w.field(STANDARD, false);
    w.string(standardId);
    w.field(TRAVEL, false);
    w.string(travel);
    w.field(PROFILES, false);
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
    first = text(COMMUNITY_ID, p.communityId(), first);
    if (p.name() != null) {
      field(NAME, first);
      first = false;
      ascii("{");
      boolean inner = text(ZH, p.name().zh(), true);
      inner = text(EN, p.name().en(), inner);
      closeObject(2, inner);
    }
    first = text(DISTRICT_ID, p.districtId(), first);
    first = text(SUBDISTRICT_ID, p.subdistrictId(), first);
    field(POPULATION, first);
    ascii(Integer.toString(p.population()));
    field(INDEX, false);
    number(p.index());
    field(CATEGORY_SCORES, false);
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
    field(TYPES, false);
    ascii("[");
    for (int i = 0; i < p.types().size(); i++) {
      ascii(i == 0 ? " " : ", ");
      type(p.types().get(i));
    }
    ascii(" ]");
    field(MISSING, false);
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
    field(RANK, false);
    ascii(Integer.toString(p.rank()));
    field(DISTRICT_RANK, false);
    ascii(Integer.toString(p.districtRank()));
    field(PERCENTILE, false);
    number(p.percentile());
    field(STARS, false);
    ascii(Integer.toString(p.stars()));
    field(STARS_EARNED, false);
    texts(p.starsEarned());
    text(COLOUR, p.colour(), false);
    field(BOTTOM, false);
    ascii(p.bottom() ? "true" : "false");
    field(REASONS, false);
    texts(p.reasons());
    end(1);
  }

  /** A type's measures, an object at nesting level 3. */
  private void type(TypeMeasure m) throws IOException {
    ascii("{");
    boolean first = text(TYPE_CODE, m.typeCode(), true);
    first = text(REQUIRED_LEVEL, m.requiredLevel(), first);
    if (m.nearestMetres() != null) {
      field(NEAREST_METRES, first);
      first = false;
      number(m.nearestMetres());
    }
    if (m.nearestMinutes() != null) {
      field(NEAREST_MINUTES, first);
      first = false;
      number(m.nearestMinutes());
    }
    field(COVERAGE, first);
    numbers(m.coverage());
    field(COUNTS, false);
    numbers(m.counts());
    field(GRAVITY, false);
    number(m.gravity());
    field(E2SFCA, false);
    number(m.e2sfcaPer1000());
    field(SCORE, false);
    number(m.score());
    field(SERVED, false);
    number(m.servedResidents());
    field(SERVED_WITHOUT, false);
    number(m.servedWithoutAccess());
    end(2);
  }

  /** A fixed field's name: on a line of its own, after a comma unless it is first. */
  private void field(byte[] key, boolean first) throws IOException {
    if (!first) {
      room(1);
      buf[used++] = ',';
    }
    bytes(key);
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

  /** A fixed text field, left out when null; returns whether the object still has no field. */
  private boolean text(byte[] key, String value, boolean first) throws IOException {
    if (value == null) {
      return first;
    }
    field(key, first);
    string(value);
    return false;
  }

  /** Ends an object whose fields were at {@code level + 1}. */
  private void end(int level) throws IOException {
    bytes(END[level]);
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
