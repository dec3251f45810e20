package dev.linli.core;

import java.util.Objects;

/**
 * Thrown when a value object is built from a value its rules do not allow.
 *
 * <p>The message names the {@linkplain #field() field}, the rejected {@linkplain #value() value} and
 * what is {@linkplain #allowed() allowed}, for example {@code population.age60to79 = -5: must be >= 0}.
 * Readers of CSV, JSON and GeoJSON files catch it and attach the file and line.
 *
 * @since 0.1.0
 */
public final class InvalidValueException extends LinliException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String value;
  private final String allowed;

  /**
   * Creates the exception.
   *
   * @param field the field's name as the JSON and CSV formats spell it, not null
   * @param value the rejected value as text ({@code "null"} for a missing value), not null; kept
   *     cut as {@link Problem#excerpt} cuts it
   * @param allowed what the field accepts, as a phrase, not null
   */
  public InvalidValueException(String field, String value, String allowed) {
    super("invalid-value", field + " = " + Problem.excerpt(value) + ": " + allowed, null);
    this.field = Objects.requireNonNull(field, "field");
    this.value = Problem.excerpt(Objects.requireNonNull(value, "value"));
    this.allowed = Objects.requireNonNull(allowed, "allowed");
  }

  /**
   * Throws an {@code InvalidValueException} unless {@code condition} holds.
   *
   * @param condition what must be true
   * @param field the field's name, not null
   * @param value the value being checked, may be null
   * @param allowed what the field accepts, not null
   * @throws InvalidValueException if {@code condition} is false
   */
  public static void check(boolean condition, String field, Object value, String allowed) {
    if (!condition) {
      throw new InvalidValueException(field, String.valueOf(value), allowed);
    }
  }

  /**
   * Returns {@code value} if it is not null, otherwise throws.
   *
   * @param value the value, may be null
   * @param field the field's name, not null
   * @param <T> the value's type
   * @return {@code value}
   * @throws InvalidValueException if {@code value} is null
   */
  public static <T> T requirePresent(T value, String field) {
    if (value == null) {
      throw new InvalidValueException(field, "null", "is required");
    }
    return value;
  }

  /**
   * Returns this exception with its field name prefixed, for errors found inside a nested value.
   *
   * @param parent the enclosing field, for example {@code "population"}, not null
   * @return a new exception whose field is {@code parent + "." + field()}
   */
  public InvalidValueException within(String parent) {
    InvalidValueException nested = new InvalidValueException(parent + "." + field, value, allowed);
    nested.setStackTrace(getStackTrace());
    return nested;
  }

  /**
   * Returns the name of the field that was rejected.
   *
   * @return the field name, never null
   */
  public String field() {
    return field;
  }

  /**
   * Returns the rejected value, as text.
   *
   * @return the value, never null
   */
  public String value() {
    return value;
  }

  /**
   * Returns a phrase saying what the field accepts.
   *
   * @return what is allowed, never null
   */
  public String allowed() {
    return allowed;
  }
}
