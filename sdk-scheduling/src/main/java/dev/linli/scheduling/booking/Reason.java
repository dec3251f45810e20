package dev.linli.scheduling.booking;

/**
 * Why a request was rejected: a stable code, the rule or check that fired, and a message for people.
 * Immutable and thread-safe.
 *
 * @param code stable code, such as {@code conflict} or {@code off-grid}
 * @param rule the rule or check that fired
 * @param message what was wrong and what would be allowed
 * @since 0.1.0
 */
public record Reason(String code, String rule, String message) {}
