package dev.linli.points;

import dev.linli.core.LinliException;

/**
 * Thrown when a stored service fact (in a journal record or the {@code linli_points_facts} table)
 * cannot be read back: an unknown kind, an unknown or duplicated field, a missing or invalid value.
 * The message names the stream, the fact's sequence number and kind, what was wrong, and the
 * stored text cut short; nothing is skipped, so the service refuses to open rather than run on a
 * state that silently lacks a fact. Code {@code fact-format}. Immutable and thread-safe.
 *
 * @since 0.3.0
 */
public final class FactFormatException extends LinliException {
  private static final long serialVersionUID = 1L;

  private final String stream;
  private final long seq;

  /**
   * Creates the exception.
   *
   * @param stream the stream the fact belongs to, not null
   * @param seq the fact's sequence number in its stream (from 1)
   * @param message what was wrong and what is allowed, not null
   * @param cause the parser's exception, or null
   */
  public FactFormatException(String stream, long seq, String message, Throwable cause) {
    super("fact-format", "fact " + seq + " of stream " + stream + ": " + message, cause);
    this.stream = stream;
    this.seq = seq;
  }

  /**
   * Returns the stream the unreadable fact belongs to.
   *
   * @return the stream's name
   */
  public String stream() {
    return stream;
  }

  /**
   * Returns the unreadable fact's sequence number in its stream.
   *
   * @return the sequence number, from 1
   */
  public long seq() {
    return seq;
  }
}
