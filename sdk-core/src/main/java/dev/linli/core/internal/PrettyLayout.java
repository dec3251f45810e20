package dev.linli.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;

/**
 * Jackson's default pretty printer, the same text (two spaces a level, the platform's line
 * separator, {@code " : "} between a name and its value, arrays on one line), with each separator
 * and each line's indentation written as one pre-encoded run of bytes: the default writes
 * {@code ","}, the line separator and the indentation as three strings or char arrays that the
 * generator copies and encodes char by char, once per field of an 11 MB {@code profiles.json}.
 * A new instance per document ({@link #createInstance}); not thread-safe, like the default.
 */
public final class PrettyLayout extends DefaultPrettyPrinter {
  private static final long serialVersionUID = 1L;
  /** Levels with a ready-made indentation; deeper ones fall back to the default's writing. */
  private static final int LEVELS = 32;
  private static final SerializedString NAME_VALUE = new SerializedString(" : ");
  private static final SerializedString COMMA_SPACE = new SerializedString(", ");
  private static final SerializedString[] LINE = new SerializedString[LEVELS];
  private static final SerializedString[] COMMA_LINE = new SerializedString[LEVELS];

  static {
    for (int level = 0; level < LEVELS; level++) {
      String line = DefaultIndenter.SYS_LF + "  ".repeat(level);
      LINE[level] = new SerializedString(line);
      COMMA_LINE[level] = new SerializedString("," + line);
    }
  }

  /** Lines as the default's object indenter writes them, one pre-encoded run per line. */
  private static final class Lines implements Indenter {
    private static final DefaultIndenter DEFAULT = DefaultIndenter.SYSTEM_LINEFEED_INSTANCE;

    @Override
    public void writeIndentation(JsonGenerator g, int level) throws IOException {
      if (level < LEVELS) {
        g.writeRaw(LINE[level]);
      } else {
        DEFAULT.writeIndentation(g, level);
      }
    }

    @Override
    public boolean isInline() {
      return false;
    }
  }

  /** A layout for one document. */
  public PrettyLayout() {
    indentObjectsWith(new Lines());
  }

  @Override
  public DefaultPrettyPrinter createInstance() {
    return new PrettyLayout();
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(NAME_VALUE);
  }

  /** Arrays stay on one line: the default's {@code ","} and its fixed-space indenter's space. */
  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(COMMA_SPACE);
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    if (_nesting < LEVELS) {
      g.writeRaw(COMMA_LINE[_nesting]);
    } else {
      super.writeObjectEntrySeparator(g);
    }
  }
}
