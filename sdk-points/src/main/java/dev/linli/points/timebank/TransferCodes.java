package dev.linli.points.timebank;

import dev.linli.core.InvalidValueException;
import java.util.regex.Pattern;

/** The ledger's rule for a transfer code, checked where a request names one (a category). */
final class TransferCodes {
  /** As {@link dev.linli.points.TransferRequest} checks {@code code}. */
  private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

  private TransferCodes() {}

  static String require(String code, String field) {
    InvalidValueException.check(code != null && CODE.matcher(code).matches(), field, code,
        "must be 1-48 lower-case letters, digits or '-'");
    return code;
  }
}
