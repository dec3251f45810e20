package dev.linli.core.io;

import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import java.util.List;
import java.util.Objects;

/**
 * What a reader loaded, with the problems of the records it skipped.
 *
 * <p>In strict mode a reader throws {@link DataFormatException} instead of skipping, so
 * {@code skipped} is empty; with {@link ReadOptions#skipBadRows()} it holds one problem per bad value
 * that was left out. Immutable and thread-safe if {@code value} is.
 *
 * @param value what was loaded, not null
 * @param skipped problems of the records left out, not null
 * @param <T> the loaded type
 * @since 0.1.0
 */
public record Loaded<T>(T value, List<Problem> skipped) {
  /**
   * Validates and copies.
   *
   * @throws NullPointerException if an argument is null
   */
  public Loaded {
    Objects.requireNonNull(value, "value");
    skipped = List.copyOf(skipped);
  }
}
