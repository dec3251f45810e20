package dev.linli.scheduling.banquet;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.internal.JsonDocuments;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

/**
 * What booking a banquet hall costs and what a cancellation gives back. Amounts of money are
 * {@code long} fen (1 CNY = 100 fen); points are {@code long}. The fee is refunded by the schedule:
 * the first step whose {@code notice} the cancellation gives (time from cancelling to the start)
 * sets the percentage, and less notice than every step refunds nothing. The deposit (押金, held
 * against damage) is returned in full on any cancellation the engine accepts. Immutable and
 * thread-safe.
 *
 * <p>As JSON ({@code docs/formats.md}):
 *
 * <pre>{@code
 * {"format": "linli-banquet-terms", "version": 1, "resourceId": "yf-banquet",
 *  "minGuests": 10, "maxGuests": 40, "feeFen": 80000, "feePoints": 0, "depositFen": 20000,
 *  "refunds": [{"notice": "P7D", "percent": 100}, {"notice": "P2D", "percent": 50}]}
 * }</pre>
 *
 * @param resourceId the hall
 * @param minGuests fewest guests, {@code >= 1}
 * @param maxGuests most guests, {@code >= minGuests}
 * @param feeFen the hall's fee in fen, {@code >= 0}
 * @param feePoints the fee in points, {@code >= 0} (a centre may charge either or both)
 * @param depositFen the deposit in fen, {@code >= 0}
 * @param refunds the refund schedule, notice strictly decreasing and percent not increasing,
 *     each percent 0 to 100; may be empty (no refund of the fee)
 * @since 0.2.0
 */
public record BanquetTerms(String resourceId, int minGuests, int maxGuests, long feeFen,
    long feePoints, long depositFen, List<RefundStep> refunds) {
  /** The {@code format} of a banquet terms document. */
  public static final String FORMAT = "linli-banquet-terms";

  /**
   * One step of a refund schedule.
   *
   * @param notice the least notice for this step, {@code >= 0}
   * @param percent the share of the fee refunded, 0 to 100
   */
  public record RefundStep(Duration notice, int percent) {
    /**
     * Validates the step.
     *
     * @throws InvalidValueException if a field is missing or out of range
     */
    public RefundStep {
      InvalidValueException.check(notice != null && !notice.isNegative(), "notice", notice,
          "must be a duration >= 0, such as P7D");
      InvalidValueException.check(percent >= 0 && percent <= 100, "percent", percent,
          "must be from 0 to 100");
    }
  }

  /**
   * Validates the terms.
   *
   * @throws InvalidValueException if a field is missing or out of range
   */
  public BanquetTerms {
    Id.require(resourceId, "resourceId");
    InvalidValueException.check(minGuests >= 1, "minGuests", minGuests, "must be >= 1");
    InvalidValueException.check(maxGuests >= minGuests, "maxGuests", maxGuests,
        "must be >= minGuests " + minGuests);
    InvalidValueException.check(feeFen >= 0, "feeFen", feeFen, "must be >= 0 (fen)");
    InvalidValueException.check(feePoints >= 0, "feePoints", feePoints, "must be >= 0");
    InvalidValueException.check(depositFen >= 0, "depositFen", depositFen, "must be >= 0 (fen)");
    refunds = List.copyOf(InvalidValueException.requirePresent(refunds, "refunds"));
    for (int i = 1; i < refunds.size(); i++) {
      RefundStep before = refunds.get(i - 1);
      RefundStep step = refunds.get(i);
      InvalidValueException.check(step.notice().compareTo(before.notice()) < 0,
          "refunds[" + i + "].notice", step.notice(), "must be less than the step before, "
          + before.notice() + " (list the longest notice first)");
      InvalidValueException.check(step.percent() <= before.percent(),
          "refunds[" + i + "].percent", step.percent(), "must not exceed the step before, "
          + before.percent() + " (less notice never refunds more)");
    }
  }

  /**
   * Returns the share of the fee refunded for a cancellation with {@code notice} to the start.
   *
   * @param notice time from cancelling to the start; negative after the start
   * @return the percent, 0 to 100
   */
  public int refundPercent(Duration notice) {
    for (RefundStep s : refunds) {
      if (notice.compareTo(s.notice()) >= 0) {
        return s.percent();
      }
    }
    return 0;
  }

  /**
   * Reads a terms document (format {@value #FORMAT}, version 1), strictly: unknown fields,
   * duplicate keys, nulls and trailing data are refused.
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages, such as the file name
   * @return the terms
   * @throws dev.linli.core.DataFormatException naming the JSON path of each problem
   */
  public static BanquetTerms parse(InputStream in, String source) {
    return JsonDocuments.read(in, source, FORMAT, BanquetTerms.class, false);
  }
}
