package dev.linli.points;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.util.regex.Pattern;

/**
 * A ledger account: an id, the asset it holds, what it stands for and how far it may go negative.
 *
 * <p>Balances are credit-normal: credits raise an account's balance, debits lower it. A transfer may
 * debit an account only while its balance stays at or above {@code -overdraftLimit}; 0 (the usual
 * value for members) means never below zero, {@link #UNLIMITED} means no limit (an issuer). Amounts
 * are whole units of the asset (points, or minutes for service hours), as {@code long}. Immutable and
 * thread-safe.
 *
 * @param id stable id chosen by the caller, see {@link Id}; an account is created once
 * @param asset the asset code, such as {@code points} or {@code service-minutes}
 * @param kind what the account stands for
 * @param overdraftLimit how far below zero the balance may go, {@code >= 0}
 * @param frozen true if no transfer may touch the account for now (it can be unfrozen)
 * @param closed true if the account is closed for good: no transfer or hold may touch it again
 * @param userData the caller's reference (a member id, a merchant contract), at most 128 characters
 * @since 0.1.0
 */
public record Account(String id, String asset, AccountKind kind, long overdraftLimit,
    boolean frozen, boolean closed, String userData) {
  /** No limit on how far the balance may go below zero. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  private static final Pattern ASSET = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /**
   * Validates the account.
   *
   * @throws InvalidValueException if a field is missing or out of range
   */
  public Account {
    Id.require(id, "id");
    InvalidValueException.check(asset != null && ASSET.matcher(asset).matches(), "asset", asset,
        "must be 1-32 lower-case letters, digits or '-', starting with a letter");
    InvalidValueException.requirePresent(kind, "kind");
    InvalidValueException.check(overdraftLimit >= 0, "overdraftLimit", overdraftLimit,
        "must be >= 0");
    userData = userData == null ? "" : userData;
    InvalidValueException.check(userData.length() <= 128, "userData", userData,
        "must be at most 128 characters");
  }

  /**
   * Returns an open account.
   *
   * @param id the account id
   * @param asset the asset code
   * @param kind what the account stands for
   * @param overdraftLimit how far below zero the balance may go, {@code >= 0}
   * @param frozen true if no transfer may touch the account for now
   * @param userData the caller's reference, may be null
   */
  public Account(String id, String asset, AccountKind kind, long overdraftLimit, boolean frozen,
      String userData) {
    this(id, asset, kind, overdraftLimit, frozen, false, userData);
  }

  /**
   * Returns this account with the frozen flag set as given.
   *
   * @param value whether the account is frozen
   * @return the account
   */
  public Account withFrozen(boolean value) {
    return new Account(id, asset, kind, overdraftLimit, value, closed, userData);
  }

  /**
   * Returns this account closed.
   *
   * @return the account, closed
   */
  public Account asClosed() {
    return new Account(id, asset, kind, overdraftLimit, frozen, true, userData);
  }

  /**
   * Returns this account with other user data.
   *
   * @param value the caller's reference, at most 128 characters
   * @return the account
   */
  public Account withUserData(String value) {
    return new Account(id, asset, kind, overdraftLimit, frozen, closed, value);
  }

  /**
   * Returns a member account in {@code asset} that may not go below zero.
   *
   * @param id the account id
   * @param asset the asset
   * @return the account
   */
  public static Account member(String id, String asset) {
    return new Account(id, asset, AccountKind.MEMBER, 0, false, "");
  }

  /**
   * Returns an account of {@code kind} that may go below zero without limit (an issuer or a pool
   * that is topped up later).
   *
   * @param id the account id
   * @param asset the asset
   * @param kind the kind
   * @return the account
   */
  public static Account unlimited(String id, String asset, AccountKind kind) {
    return new Account(id, asset, kind, UNLIMITED, false, "");
  }
}
