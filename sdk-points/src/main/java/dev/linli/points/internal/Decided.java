package dev.linli.points.internal;

import java.util.List;
import java.util.Objects;

/**
 * What one step decided: the result to return and the facts to store and apply (none when the
 * step refused or changed nothing). Immutable if the result is.
 *
 * @param result the step's result
 * @param facts the new facts, in the order they apply
 * @param <R> the result's type
 * @param <F> the facts' common type
 */
public record Decided<R, F>(R result, List<F> facts) {
  /** Copies the facts. */
  public Decided {
    facts = List.copyOf(facts);
  }

  /**
   * A step that changes nothing.
   *
   * @param result the result
   * @param <R> the result's type
   * @param <F> the facts' common type
   * @return the decision
   */
  public static <R, F> Decided<R, F> nothing(R result) {
    return new Decided<>(result, List.of());
  }

  /**
   * A step that stores one fact.
   *
   * @param result the result
   * @param fact the fact, not null
   * @param <R> the result's type
   * @param <F> the facts' common type
   * @return the decision
   */
  public static <R, F> Decided<R, F> of(R result, F fact) {
    return new Decided<>(result, List.of(Objects.requireNonNull(fact, "fact")));
  }
}
