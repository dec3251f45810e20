package dev.linli.core;

import java.util.Objects;

/**
 * One thing wrong with an input file: where it is and what is wrong.
 *
 * <p>{@code line} is the 1-based line in the file where the bad record starts (0 if not known);
 * {@code path} locates the value inside the record: a JSON path such as
 * {@code $.communities[3].population.age60to79} for JSON and GeoJSON, or the column name for CSV.
 * Immutable and thread-safe.
 *
 * @param source the file name or another label for the input, not null
 * @param line 1-based line number, or 0 if not known
 * @param path where in the record, not null (may be empty for a whole-file problem)
 * @param message what was wrong and what is allowed, not null
 * @since 0.1.0
 */
public record Problem(String source, long line, String path, String message) {
  /**
   * Validates the problem.
   *
   * @throws NullPointerException if a text is null
   * @throws IllegalArgumentException if {@code line} is negative
   */
  public Problem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0: " + line);
    }
  }

  /** How many characters of a bad value a message quotes before cutting it. */
  public static final int EXCERPT_LENGTH = 80;

  /**
   * Returns a value as a message quotes it: its text, cut after {@value #EXCERPT_LENGTH}
   * characters with an ellipsis and the full length, so that a 10 MB value does not make a 10 MB
   * message.
   *
   * @param value the value, may be null
   * @return for example {@code "abc"}, or {@code "aaaa…(10000000 characters)"}
   * @since 0.2.0
   */
  public static String excerpt(Object value) {
    String text = String.valueOf(value);
    if (text.length() <= EXCERPT_LENGTH) {
      return text;
    }
    int end = EXCERPT_LENGTH;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…(" + text.length() + " characters)";
  }

  /** Returns {@code source:line: path: message}, leaving out parts that are not known. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(message).toString();
  }
}
