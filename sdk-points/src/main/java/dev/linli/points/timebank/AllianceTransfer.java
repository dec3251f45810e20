package dev.linli.points.timebank;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;

/**
 * A request to move points from an account in one community of an {@link Alliance} to an account
 * in the other, for {@link Alliance#transfer}. Immutable and thread-safe.
 *
 * <pre>{@code
 * alliance.transfer(AllianceTransfer.of("x-0301", "jingfang", "v-jf-001.points",
 *     "hongmei-canteen", 40, "alliance"));
 * }</pre>
 *
 * @param transferId caller-chosen id, used in both ledgers; a retry applies nothing twice
 * @param fromCommunity the sending community's id
 * @param fromAccount the sender's account in it
 * @param toAccount the receiver's account in the other community
 * @param amount points, {@code > 0}
 * @param code what the transfer is for
 * @param operator who acts for the sender, or null
 * @since 0.1.0
 */
public record AllianceTransfer(String transferId, String fromCommunity, String fromAccount,
    String toAccount, long amount, String code, String operator) {
  /**
   * Validates the request.
   *
   * @throws InvalidValueException if an id or the code is malformed or {@code amount <= 0}
   */
  public AllianceTransfer {
    Id.require(transferId, "transferId");
    Id.require(fromCommunity, "fromCommunity");
    Id.require(fromAccount, "fromAccount");
    Id.require(toAccount, "toAccount");
    InvalidValueException.check(amount > 0, "amount", amount, "must be > 0");
    TransferCodes.require(code, "code");
    Id.requireOptional(operator, "operator");
  }

  /**
   * Returns a transfer made by the sender themself.
   *
   * @param transferId caller-chosen id
   * @param fromCommunity the sending community
   * @param fromAccount the sender's account in it
   * @param toAccount the receiver's account in the other community
   * @param amount points, {@code > 0}
   * @param code what for
   * @return the request
   * @throws InvalidValueException as the constructor
   */
  public static AllianceTransfer of(String transferId, String fromCommunity, String fromAccount,
      String toAccount, long amount, String code) {
    return new AllianceTransfer(transferId, fromCommunity, fromAccount, toAccount, amount, code,
        null);
  }

  /**
   * Returns this transfer made by {@code operatorId} for the sender.
   *
   * @param operatorId who acts
   * @return a copy
   * @throws InvalidValueException if the id is malformed
   */
  public AllianceTransfer by(String operatorId) {
    return new AllianceTransfer(transferId, fromCommunity, fromAccount, toAccount, amount, code,
        Id.require(operatorId, "operator"));
  }
}
