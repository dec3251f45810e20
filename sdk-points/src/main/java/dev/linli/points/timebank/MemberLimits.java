package dev.linli.points.timebank;

import dev.linli.core.InvalidValueException;
import dev.linli.core.DataFormatException;
import dev.linli.core.internal.JsonDocuments;
import java.io.InputStream;

/**
 * Limits on what a member may hold and give, as data. Immutable and thread-safe.
 *
 * <pre>{@code
 * {"format": "linli-member-limits", "version": 1, "balanceCap": 150000,
 *  "gifts": {"period": "MONTH", "max": 500}, "donations": {"period": "YEAR", "max": 5000}}
 * }</pre>
 *
 * @param balanceCap the most points a member may hold; what an award or gift would add beyond it
 *     goes to the community's donation pool instead (Nanjing's time bank caps stored time at 1,500
 *     hours the same way); 0 for no cap
 * @param gifts how many points a member may give to household members per period, or null for no
 *     limit
 * @param donations how many points a member may donate to the pool per period, or null for no limit
 * @since 0.1.0
 */
public record MemberLimits(long balanceCap, PointsLimit gifts, PointsLimit donations) {
  /** The {@code format} of a member-limits document. */
  public static final String FORMAT = "linli-member-limits";

  /** No cap and no limits. */
  public static final MemberLimits NONE = new MemberLimits(0, null, null);

  /**
   * Validates the limits.
   *
   * @throws InvalidValueException if {@code balanceCap < 0}
   */
  public MemberLimits {
    InvalidValueException.check(balanceCap >= 0, "balanceCap", balanceCap,
        "must be >= 0 (0 means no cap)");
  }

  /**
   * Reads a member-limits document.
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages
   * @return the limits
   * @throws DataFormatException naming the JSON path of each problem
   */
  public static MemberLimits parse(InputStream in, String source) {
    return JsonDocuments.readWithDefaults(in, source, FORMAT, MemberLimits.class);
  }
}
