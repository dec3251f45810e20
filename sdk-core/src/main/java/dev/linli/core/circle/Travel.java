package dev.linli.core.circle;

/**
 * How walking distance between a home and a facility is measured: {@link StraightLine} (great-circle
 * distance times a circuity factor), a {@link WalkNetwork} (shortest path over footpaths and
 * streets) or a {@link TravelMatrix} (times from another tool, as walking-equivalent metres).
 * Implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Travel permits StraightLine, WalkNetwork, TravelMatrix {
  /**
   * Returns a short description for reports, such as {@code straight line x 1.3}.
   *
   * @return the description
   */
  String describe();
}
