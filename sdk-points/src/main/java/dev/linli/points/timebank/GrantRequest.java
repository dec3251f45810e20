package dev.linli.points.timebank;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;

/**
 * A request to award points from the donation pool (a fund-backed thank-you, such as for a
 * fulfilled micro-wish), for {@link TimeBank#grant}. Immutable and thread-safe.
 *
 * @param grantId caller-chosen id; a retry with the same id applies nothing twice
 * @param member the receiver, enrolled
 * @param amount points, {@code > 0}
 * @param reason what it is for, kept as the transfer's user data; not blank
 * @since 0.1.0
 */
public record GrantRequest(String grantId, String member, long amount, String reason) {
  /**
   * Validates the request.
   *
   * @throws InvalidValueException if an id is malformed, {@code amount <= 0} or the reason is
   *     missing or blank
   */
  public GrantRequest {
    Id.require(grantId, "grantId");
    Id.require(member, "member");
    InvalidValueException.check(amount > 0, "amount", amount, "must be > 0");
    InvalidValueException.check(reason != null && !reason.isBlank(), "reason", reason,
        "must say what the grant is for");
  }

  /**
   * Returns a grant request.
   *
   * @param grantId caller-chosen id
   * @param member the receiver
   * @param amount points, {@code > 0}
   * @param reason what it is for
   * @return the request
   * @throws InvalidValueException as the constructor
   */
  public static GrantRequest of(String grantId, String member, long amount, String reason) {
    return new GrantRequest(grantId, member, amount, reason);
  }
}
