package dev.linli.examples.cli;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock that stands still until moved: the demo's narration and {@code booking run}'s script. */
final class StepClock extends Clock {
  private volatile Instant now;
  private final ZoneId zone;

  StepClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return Clock.fixed(now, other);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
