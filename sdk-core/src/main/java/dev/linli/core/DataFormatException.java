package dev.linli.core;

import dev.linli.core.LinliException;
import java.util.List;

/**
 * Thrown when an input file cannot be read into Linli's model; carries every problem found, not only
 * the first, so that a person can fix a file in one pass.
 *
 * <p>The message lists the problems, one per line, each as {@code file:line: path: what is wrong}.
 * Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class DataFormatException extends LinliException {
  private static final long serialVersionUID = 1L;
  /** How many problems the message lists before it summarises the rest. */
  static final int MESSAGE_LIMIT = 50;

  @SuppressWarnings("serial") // an immutable list of records; exceptions are not serialised here
  private final List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param problems what was wrong, at least one, not null
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public DataFormatException(List<Problem> problems) {
    super("data-format", message(problems), null);
    this.problems = List.copyOf(problems);
  }

  private static String message(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a DataFormatException needs at least one problem");
    }
    StringBuilder sb = new StringBuilder();
    sb.append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
        .append(" in ").append(problems.get(0).source()).append(':');
    for (int i = 0; i < Math.min(problems.size(), MESSAGE_LIMIT); i++) {
      sb.append("\n  ").append(problems.get(i));
    }
    if (problems.size() > MESSAGE_LIMIT) {
      sb.append("\n  ... and ").append(problems.size() - MESSAGE_LIMIT).append(" more");
    }
    return sb.toString();
  }

  /**
   * Returns every problem found, in file order.
   *
   * @return an unmodifiable, non-empty list
   */
  public List<Problem> problems() {
    return problems;
  }
}
