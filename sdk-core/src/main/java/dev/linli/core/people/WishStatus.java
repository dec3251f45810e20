package dev.linli.core.people;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a {@link Wish} is in its life: posted, claimed by a volunteer, and finally fulfilled, expired
 * or cancelled.
 *
 * <pre>
 *   REQUESTED ──claim──▶ CLAIMED ──fulfil──▶ FULFILLED
 *      │  ▲                 │
 *      │  └────release──────┤
 *      ├──expire──▶ EXPIRED │
 *      └──cancel──▶ CANCELLED ◀──cancel──┘
 * </pre>
 *
 * <p>FULFILLED, EXPIRED and CANCELLED are final.
 *
 * @since 0.1.0
 */
public enum WishStatus {
  /** Posted and waiting for someone to claim it. */
  REQUESTED,
  /** A volunteer or partner unit has taken it on. */
  CLAIMED,
  /** Done, as confirmed by the resident or the grid worker. */
  FULFILLED,
  /** Nobody claimed it before its deadline. */
  EXPIRED,
  /** Withdrawn by the resident or the community. */
  CANCELLED;

  /**
   * Returns the statuses this one may move to.
   *
   * @return an unmodifiable set, empty for final statuses
   */
  public Set<WishStatus> next() {
    return switch (this) {
      case REQUESTED -> Collections.unmodifiableSet(EnumSet.of(CLAIMED, EXPIRED, CANCELLED));
      case CLAIMED -> Collections.unmodifiableSet(EnumSet.of(FULFILLED, REQUESTED, CANCELLED));
      case FULFILLED, EXPIRED, CANCELLED -> Collections.emptySet();
    };
  }

  /**
   * Returns whether a wish in this status may move to {@code target}.
   *
   * @param target the status to move to
   * @return true if the transition is allowed
   */
  public boolean canMoveTo(WishStatus target) {
    return next().contains(target);
  }

  /**
   * Returns whether this status is final.
   *
   * @return true for FULFILLED, EXPIRED and CANCELLED
   */
  public boolean isFinal() {
    return next().isEmpty();
  }
}
