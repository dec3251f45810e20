package dev.linli.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test clock whose instant the test sets and advances. Shared by every module's tests through
 * sdk-core's test-jar. Thread-safe: the instant is held in an atomic reference.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Returns a clock at {@code start} in Asia/Shanghai.
   *
   * @param start the first instant
   * @return the clock
   */
  public static MutableClock at(Instant start) {
    return new MutableClock(new AtomicReference<>(start), ZoneId.of("Asia/Shanghai"));
  }

  /**
   * Returns a clock at the given ISO-8601 instant, for example {@code 2026-02-14T00:00:00Z}.
   *
   * @param isoInstant the instant
   * @return the clock
   */
  public static MutableClock at(String isoInstant) {
    return at(Instant.parse(isoInstant));
  }

  /**
   * Moves the clock forward.
   *
   * @param amount how far, not negative
   */
  public void advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException("a clock only moves forward: " + amount);
    }
    now.updateAndGet(i -> i.plus(amount));
  }

  /**
   * Sets the clock to {@code instant}.
   *
   * @param instant the new instant, not null
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new MutableClock(now, newZone);
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
