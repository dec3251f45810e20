package dev.linli.points;

import dev.linli.core.internal.Sha256;
import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;

/**
 * What a caller asks the ledger to do: move {@code amount} from the debit account to the credit
 * account.
 *
 * <p>The caller chooses the {@code id}, which makes the request idempotent: sending it again returns
 * {@link TransferResult#EXISTS} (same content) or an {@code EXISTS_WITH_DIFFERENT_...} code, never a
 * second transfer. A reversal names the transfer it undoes in {@code reverses}, swaps its accounts and
 * may not exceed what is left of it. Immutable and thread-safe.
 *
 * @param id caller-chosen unique id, see {@link Id}
 * @param debitAccountId the account that gives
 * @param creditAccountId the account that receives
 * @param amount whole units of the accounts' asset, {@code > 0}
 * @param code what the transfer is for, such as {@code elderly-care} or {@code canteen-redemption}
 * @param userData the caller's reference (an activity id, a receipt), at most 128 characters
 * @param reverses the id of the transfer this one reverses, or null
 * @param operator who acts, when not the account holder (a guardian acting for an elderly member,
 *     代办), or null; recorded on the transfer
 * @since 0.1.0
 */
public record TransferRequest(String id, String debitAccountId, String creditAccountId, long amount,
    String code, String userData, String reverses, String operator) {

  /**
   * Validates the request's form; whether it can be applied is decided by the ledger.
   *
   * @throws InvalidValueException if a field is missing or malformed
   */
  public TransferRequest {
    Id.require(id, "id");
    Id.require(debitAccountId, "debitAccountId");
    Id.require(creditAccountId, "creditAccountId");
    InvalidValueException.check(amount > 0, "amount", amount, "must be > 0");
    InvalidValueException.check(isCode(code), "code", code,
        "must be 1-48 lower-case letters, digits or '-'");
    userData = userData == null ? "" : userData;
    InvalidValueException.check(userData.length() <= 128, "userData", userData,
        "must be at most 128 characters");
    Id.requireOptional(reverses, "reverses");
    Id.requireOptional(operator, "operator");
  }

  /**
   * Whether the constructor accepts these fields, given valid ids of the transfer and its two
   * accounts ({@link Id#isValid}): its other checks as one test that throws nothing, for replay,
   * which checks a recorded transfer so before applying it without building a request (and builds
   * one, to throw the constructor's exception, only when a check fails).
   * {@code TransferRequestValidFieldsTest} checks that both agree.
   */
  static boolean validFields(long amount, String code, String userData, String reverses,
      String operator) {
    return amount > 0 && isCode(code) && (userData == null || userData.length() <= 128)
        && (reverses == null || Id.isValid(reverses)) && (operator == null || Id.isValid(operator));
  }

  /**
   * Whether {@code code} is 1-48 characters of {@code [a-z0-9-]} starting with a letter or digit:
   * a loop, not a regular expression, as it runs for every request and every replayed transfer.
   */
  static boolean isCode(String code) {
    if (code == null || code.isEmpty() || code.length() > 48) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && i > 0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns a request made by the account holder (no operator).
   *
   * @param id caller-chosen unique id
   * @param debitAccountId the account that gives
   * @param creditAccountId the account that receives
   * @param amount whole units, {@code > 0}
   * @param code what the transfer is for
   * @param userData the caller's reference, may be null
   * @param reverses the transfer this one reverses, or null
   */
  public TransferRequest(String id, String debitAccountId, String creditAccountId, long amount,
      String code, String userData, String reverses) {
    this(id, debitAccountId, creditAccountId, amount, code, userData, reverses, null);
  }

  /**
   * Returns this request made by {@code operator} on the holder's behalf.
   *
   * @param operator who acts, such as a guardian's member id; null for the holder
   * @return the request with the operator recorded
   */
  public TransferRequest withOperator(String operator) {
    return new TransferRequest(id, debitAccountId, creditAccountId, amount, code, userData, reverses,
        operator);
  }

  /**
   * Returns this request with other user data.
   *
   * @param userData the caller's reference, at most 128 characters
   * @return the request
   */
  public TransferRequest withUserData(String userData) {
    return new TransferRequest(id, debitAccountId, creditAccountId, amount, code, userData, reverses,
        operator);
  }

  /**
   * Returns a plain transfer request with no user data.
   *
   * @param id the request id
   * @param debitAccountId who gives
   * @param creditAccountId who receives
   * @param amount how much
   * @param code what for
   * @return the request
   */
  public static TransferRequest of(String id, String debitAccountId, String creditAccountId,
      long amount, String code) {
    return new TransferRequest(id, debitAccountId, creditAccountId, amount, code, "", null);
  }

  /**
   * Returns an id derived from another for a related transfer or hold: {@code base + "." + suffix},
   * or, when that would exceed an id's 64 characters, a prefix of {@code base}, a hash of all of it
   * and the suffix. The same inputs always give the same id, which is what makes derived requests
   * idempotent.
   *
   * @param base an id
   * @param suffix a short suffix, such as {@code overflow}
   * @return the derived id
   */
  public static String derivedId(String base, String suffix) {
    String id = base + "." + suffix;
    if (id.length() <= 64) {
      return Id.require(id, "suffix");
    }
    String hash = Sha256.hexOf(base).substring(0, 16);
    InvalidValueException.check(suffix.length() <= 40, "suffix", suffix, "must be at most 40 characters");
    return Id.require(base.substring(0, 64 - suffix.length() - hash.length() - 2) + "." + hash
        + "." + suffix, "base");
  }

  /**
   * Returns a request that reverses (part of) {@code original}: accounts swapped, same code.
   *
   * @param id the reversal's own id
   * @param original the transfer to undo
   * @param amount how much of it, {@code > 0}
   * @return the request
   */
  public static TransferRequest reversal(String id, Transfer original, long amount) {
    return new TransferRequest(id, original.creditAccountId(), original.debitAccountId(), amount,
        original.code(), "reversal of " + original.id(), original.id(), null);
  }
}
