package dev.linli.scheduling.booking;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a request was rejected: a stable code, the rule or check that fired, a message for people in
 * English and in Chinese, and the numbers involved (limit, asked, used…) for apps that render their
 * own text. Immutable and thread-safe.
 *
 * @param code the kind of refusal, such as {@link RejectionCode#CONFLICT}
 * @param rule the rule or check that fired
 * @param message what was wrong and what would be allowed, in English
 * @param messageZh the same in Chinese
 * @param values the numbers and names involved, by name, sorted
 * @since 0.1.0
 */
public record Reason(RejectionCode code, String rule, String message, String messageZh,
    Map<String, String> values) {
  /** Copies the values into a sorted, unmodifiable map. */
  public Reason {
    java.util.Objects.requireNonNull(code, "code");
    values = Collections.unmodifiableMap(new TreeMap<>(values == null ? Map.of() : values));
    messageZh = messageZh == null ? message : messageZh;
  }

  /**
   * Returns a reason with an English message only (the Chinese message repeats it).
   *
   * @param code the kind of refusal
   * @param rule the rule or check
   * @param message the message
   */
  public Reason(RejectionCode code, String rule, String message) {
    this(code, rule, message, message, Map.of());
  }

  /**
   * Returns a bilingual reason with the values involved.
   *
   * @param code the kind of refusal
   * @param rule the rule or check that fired
   * @param en the English message
   * @param zh the Chinese message
   * @param keyValues names and values, alternating: {@code "limit", 3, "asked", 4}
   * @return the reason
   */
  public static Reason of(RejectionCode code, String rule, String en, String zh, Object... keyValues) {
    Map<String, String> values = new TreeMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      values.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
    }
    return new Reason(code, rule, en, zh, values);
  }
}
