package dev.linli.core;

import java.util.Objects;

/**
 * Root of every exception the Linli SDK throws on purpose.
 *
 * <p>Linli uses exceptions for misuse and I/O only; expected business outcomes (a booking refused, a
 * transfer rejected for insufficient funds) are results, not exceptions. Every subclass carries a
 * stable, machine-readable {@link #code() code} so that callers can branch without parsing messages.
 * Each SDK module roots its own hierarchy here.
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @since 0.1.0
 */
public abstract class LinliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  /**
   * Creates an exception.
   *
   * @param code stable error code such as {@code "invalid-value"}, not null
   * @param message what was wrong, where, and what is allowed, not null
   * @param cause the underlying cause, or null
   */
  protected LinliException(String code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /**
   * Returns the stable error code, in kebab-case, that names the kind of failure.
   *
   * @return the error code, never null
   */
  public String code() {
    return code;
  }
}
