package dev.linli.scheduling.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.linli.core.facility.OpeningHours;

/**
 * An engine's parsed opening-hours texts: a bounded Caffeine cache, and in front of it the last
 * text asked for with its hours. Nearly every decision asks for the same text (the resource's
 * weekly hours) by the same string, so the answer is an identity comparison instead of a hash, a
 * concurrent map read and the cache's bookkeeping of the read. Thread-safe: the remembered pair is
 * an immutable object; a thread that reads an older one still gets hours parsed from its text.
 */
final class OpeningHoursCache {
  /**
   * Most opening-hours texts kept parsed. Texts come from configured rules (a few per resource and
   * date override), so this bounds memory against a configuration with very many overrides.
   */
  static final int MAXIMUM = 10_000;

  /** A text and its hours. */
  private record Parsed(String text, OpeningHours hours) {}

  private final Cache<String, OpeningHours> cache =
      Caffeine.newBuilder().maximumSize(MAXIMUM).build();
  private volatile Parsed last;

  /**
   * The hours of {@code text}, parsed once.
   *
   * @throws dev.linli.core.InvalidValueException if the text is malformed
   */
  OpeningHours get(String text) {
    Parsed p = last;
    if (p != null && (p.text == text || p.text.equals(text))) {
      return p.hours;
    }
    OpeningHours hours = cache.get(text, OpeningHours::parse);
    last = new Parsed(text, hours);
    return hours;
  }
}
