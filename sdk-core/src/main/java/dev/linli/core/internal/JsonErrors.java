package dev.linli.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Problem;
import java.io.CharConversionException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns Jackson's exceptions into {@link Problem}s a person can act on. */
public final class JsonErrors {
  private JsonErrors() {}

  /**
   * Describes a failure to read one JSON value.
   *
   * @param e what Jackson or a constructor threw
   * @param source the file name
   * @param fallbackLine the line where the value starts, used when Jackson knows none
   * @param basePath the JSON path of the value, such as {@code $.communities[3]}
   * @return the problem
   */
  public static Problem toProblem(Exception e, String source, long fallbackLine, String basePath) {
    return toProblem(e, source, fallbackLine, basePath, true);
  }

  /**
   * Describes a failure to read one JSON value.
   *
   * @param e what Jackson or a constructor threw
   * @param source the file name
   * @param fallbackLine the line where the value starts, used when Jackson knows none
   * @param basePath the JSON path of the value, such as {@code $.communities[3]}
   * @param lenientReadOffered whether the reader has a lenient mode to suggest for unknown fields
   * @return the problem
   */
  public static Problem toProblem(Exception e, String source, long fallbackLine, String basePath,
      boolean lenientReadOffered) {
    long line = fallbackLine;
    String path = basePath;
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null
        && jpe.getLocation().getLineNr() > 0 && fallbackLine == 0) {
      line = jpe.getLocation().getLineNr();
    }
    if (e instanceof JsonMappingException jme) {
      path = basePath + pathOf(jme);
    }
    InvalidValueException invalid = invalidValue(e);
    if (invalid != null) {
      String field = invalid.field();
      // A nested value's own field name is already the last step of Jackson's path.
      boolean named = field.isEmpty() || path.endsWith("." + field);
      return new Problem(source, line, named ? path : path + "." + field, describe(invalid));
    }
    if (e instanceof UnrecognizedPropertyException upe) {
      Collection<Object> known = upe.getKnownPropertyIds();
      TreeSet<String> allowed = new TreeSet<>(known.stream().map(String::valueOf).toList());
      return new Problem(source, line, path, lenientReadOffered
          ? "unknown field \"" + upe.getPropertyName() + "\"; allowed fields are " + allowed
              + " (read leniently to ignore unknown fields)"
          : "unknown field; allowed are " + allowed);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InputCoercionException ice) {
        return new Problem(source, line, path, outOfRange(ice));
      }
    }
    if (e instanceof InvalidFormatException ife) {
      return new Problem(source, line, path,
          "must be " + expected(ife.getTargetType()) + " (got " + quote(ife.getValue()) + ")");
    }
    if (e instanceof MismatchedInputException mie && isTrailing(mie)) {
      return new Problem(source, line, "$", TRAILING);
    }
    if (e instanceof MismatchedInputException mie
        && String.valueOf(mie.getOriginalMessage()).startsWith("Missing required creator property")) {
      // A required number is not taken as 0 when it is left out (formats.md section 1).
      return new Problem(source, line, path, "is required: "
          + expected(mie.getTargetType()));
    }
    if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
      return new Problem(source, line, path, "must be " + expected(mie.getTargetType()));
    }
    if (e instanceof CharConversionException) {
      return new Problem(source, line, "", JsonDocuments.NOT_UTF8);
    }
    if (e instanceof JsonProcessingException jpe) {
      return new Problem(source, line, path, syntax(jpe));
    }
    return new Problem(source, line, path, "cannot be read: "
        + Problem.excerpt(firstLine(String.valueOf(e.getMessage()))));
  }

  /** What a reader says of anything after the one JSON value a file (or line) may hold. */
  static final String TRAILING = "has more after the end of the JSON value; a file (or a line of "
      + "a JSON-lines file) holds exactly one";

  private static boolean isTrailing(MismatchedInputException e) {
    return String.valueOf(e.getOriginalMessage()).startsWith("Trailing token");
  }

  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
  private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.+?)' \\(code");
  private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.*?)'");

  /** Says what is wrong with malformed JSON without Jackson's vocabulary. */
  private static String syntax(JsonProcessingException e) {
    String original = String.valueOf(e.getOriginalMessage());
    String where = e.getLocation() == null || e.getLocation().getLineNr() <= 0 ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
            + ")";
    Matcher m = DUPLICATE.matcher(original);
    if (m.find()) {
      return "field \"" + Problem.excerpt(m.group(1)) + "\" appears twice" + where
          + "; each field may appear once";
    }
    if (e instanceof JsonEOFException || original.startsWith("Unexpected end-of-input")) {
      return "malformed JSON: the text ends before an object, array or string is closed" + where;
    }
    if (original.contains("Invalid UTF-8")) {
      return JsonDocuments.NOT_UTF8;
    }
    m = CHARACTER.matcher(original);
    if (m.find()) {
      return "malformed JSON: unexpected character '" + m.group(1) + "'" + where;
    }
    m = TOKEN.matcher(original);
    if (m.find()) {
      return "malformed JSON: unexpected word '" + Problem.excerpt(m.group(1)) + "'" + where
          + "; text must be in double quotes";
    }
    return "malformed JSON" + where;
  }

  private static String outOfRange(InputCoercionException e) {
    Class<?> type = e.getTargetType();
    String got = "";
    try {
      JsonParser p = e.getProcessor();
      got = p == null ? "" : " (got " + Problem.excerpt(p.getText()) + ")";
    } catch (IOException ignored) {
      // the message still names the range
    }
    if (type == int.class || type == Integer.class) {
      return "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + got;
    }
    if (type == long.class || type == Long.class) {
      return "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + got;
    }
    return "is out of range for " + expected(type) + got;
  }

  /**
   * Returns the message text for an invalid value: what is allowed and what was given.
   *
   * @param e the exception
   * @return for example {@code must be >= 0 (got -5)}
   */
  public static String describe(InvalidValueException e) {
    return e.value().equals("null") ? e.allowed() : e.allowed() + " (got " + e.value() + ")";
  }

  private static InvalidValueException invalidValue(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidValueException ive) {
        return ive;
      }
      if (!(t instanceof ValueInstantiationException) && t != e
          && !(t instanceof JsonMappingException)) {
        return null;
      }
    }
    return null;
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append('.').append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant such as \"2026-05-01T08:00:00Z\"";
    }
    if (type == LocalDate.class) {
      return "a date such as \"2026-05-01\"";
    }
    if (type == Duration.class) {
      return "an ISO-8601 duration in a string such as \"PT2H\", in upper case without a sign";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    return "a JSON object (" + type.getSimpleName() + ")";
  }

  private static String quote(Object value) {
    return value instanceof String s ? "\"" + Problem.excerpt(s) + "\"" : Problem.excerpt(value);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
