package dev.linli.points.timebank;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.AccountResult;
import dev.linli.points.Hold;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An alliance (联盟) between two communities' ledgers, so a member of one can pay a member or
 * merchant of the other. Each community keeps its own books balanced: a transfer from A to B is
 * {@code member → alliance:B} in A's ledger and {@code alliance:A → receiver} in B's, with the same
 * id, so A's clearing account plus B's always sum to zero once transfers complete.
 *
 * <p>Transfers flow only after both communities {@link #accept} the alliance (which opens their
 * clearing accounts). A transfer first holds the points in the sender's ledger, then credits the
 * receiver's, then posts the hold; if the receiver's ledger refuses, the hold is voided, so a
 * failure never creates or loses points. If the process dies between the steps, {@link #reconcile}
 * completes or voids what was left half-way. Thread-safe: transfers through one alliance are
 * serialised by its lock.
 *
 * @since 0.1.0
 */
public final class Alliance {
  private static final Duration SETTLE_WITHIN = Duration.ofDays(7);

  private final Community first;
  private final Community second;
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * A community in an alliance.
   *
   * @param id the community's id, such as {@code jingfang}
   * @param ledger its ledger
   */
  public record Community(String id, Ledger ledger) {
    /**
     * Validates the community.
     *
     * @throws InvalidValueException if the id is malformed
     */
    public Community {
      Id.require(id, "id");
      Objects.requireNonNull(ledger, "ledger");
    }
  }

  private Alliance(Community first, Community second) {
    this.first = first;
    this.second = second;
  }

  /**
   * Returns the alliance between two communities (not yet accepted unless both ledgers already
   * hold their clearing accounts).
   *
   * @param a one community
   * @param b the other, with another id and another ledger
   * @return the alliance
   * @throws InvalidValueException if both are the same community
   */
  public static Alliance between(Community a, Community b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    InvalidValueException.check(!a.id().equals(b.id()) && a.ledger() != b.ledger(), "b", b.id(),
        "must be another community with its own ledger");
    return new Alliance(a, b);
  }

  /**
   * Returns the id of the clearing account a community keeps for {@code partnerId}.
   *
   * @param partnerId the other community
   * @return {@code alliance:<partnerId>}
   */
  public static String clearingAccount(String partnerId) {
    return Id.require("alliance:" + partnerId, "partnerId");
  }

  private Community community(String id) {
    if (first.id().equals(id)) {
      return first;
    }
    if (second.id().equals(id)) {
      return second;
    }
    throw new InvalidValueException("communityId", id,
        "must be " + first.id() + " or " + second.id());
  }

  private Community other(Community c) {
    return c == first ? second : first;
  }

  /**
   * Records that {@code communityId} accepts the alliance, opening its clearing account for the
   * other community. Idempotent.
   *
   * @param communityId one of the two communities
   * @return the result of opening the clearing account
   * @throws InvalidValueException if the id is neither community
   */
  public AccountResult accept(String communityId) {
    Community c = community(communityId);
    return c.ledger().createAccount(Account.unlimited(clearingAccount(other(c).id()),
        TimeBank.POINTS, AccountKind.ALLIANCE));
  }

  /**
   * Returns whether both communities have accepted and neither clearing account is frozen or
   * closed.
   *
   * @return true if transfers may flow
   */
  public boolean accepted() {
    return open(first) && open(second);
  }

  private boolean open(Community c) {
    Optional<Account> a = c.ledger().account(clearingAccount(other(c).id()));
    return a.isPresent() && !a.get().frozen() && !a.get().closed();
  }

  /**
   * Moves points from an account in one community to an account in the other.
   *
   * @param request the transfer, not null
   * @return accepted as {@code PAID} with the sender's and receiver's transfers (a retry answers
   *     with the same transfers), or why not
   * @throws InvalidValueException if the sending community is neither of the two
   */
  public ServiceResult<PaymentState> transfer(AllianceTransfer request) {
    Objects.requireNonNull(request, "request");
    String transferId = request.transferId();
    String fromAccount = request.fromAccount();
    String toAccount = request.toAccount();
    long amount = request.amount();
    Community from = community(request.fromCommunity());
    Community to = other(from);
    TransferRequest out = new TransferRequest(transferId, fromAccount,
        clearingAccount(to.id()), amount, request.code(), "to " + to.id() + ":" + toAccount, null,
        request.operator());
    TransferRequest in = new TransferRequest(transferId, clearingAccount(from.id()), toAccount,
        amount, request.code(), "from " + from.id() + ":" + fromAccount, null, request.operator());
    // Both ledgers' disk waits come after this alliance's lock is released.
    return first.ledger().durably(() -> second.ledger().durably(() -> {
      lock.lock();
      try {
        Optional<Transfer> sent = from.ledger().find(transferId);
        Optional<Transfer> received = to.ledger().find(transferId);
        if (sent.isPresent() && received.isPresent()) {
          return new ServiceResult.Accepted<>(PaymentState.PAID,
              List.of(sent.get(), received.get()), "transfer " + transferId + " was already paid",
              true);
        }
        if (!accepted()) {
          return new ServiceResult.Rejected<>(ServiceCode.ALLIANCE_NOT_ACCEPTED,
              "transfers between " + first.id() + " and " + second.id() + " need both to accept"
                  + " the alliance (and neither clearing account frozen)");
        }
        TransferResult held = from.ledger().hold(out, SETTLE_WITHIN);
        if (held != TransferResult.OK && held != TransferResult.EXISTS) {
          return new ServiceResult.Rejected<>(ServiceCode.LEDGER_REJECTED,
              from.id() + "'s ledger refused: " + held, List.of(held));
        }
        TransferResult credited = to.ledger().submit(in);
        if (credited != TransferResult.OK && credited != TransferResult.EXISTS) {
          from.ledger().voidHold(transferId);
          return new ServiceResult.Rejected<>(ServiceCode.LEDGER_REJECTED,
              to.id() + "'s ledger refused: " + credited, List.of(credited));
        }
        TransferResult posted = from.ledger().post(transferId, transferId, amount);
        if (posted != TransferResult.OK && posted != TransferResult.EXISTS) {
          // Only if the sender's account was frozen or closed in between: undo the credit.
          to.ledger().submit(TransferRequest.reversal(TransferRequest.derivedId(transferId, "undo"),
              to.ledger().find(transferId).orElseThrow(), amount));
          return new ServiceResult.Rejected<>(ServiceCode.LEDGER_REJECTED,
              from.id() + "'s ledger refused to settle: " + posted, List.of(posted));
        }
        return new ServiceResult.Accepted<>(PaymentState.PAID,
            List.of(from.ledger().find(transferId).orElseThrow(),
                to.ledger().find(transferId).orElseThrow()),
            amount + " points from " + from.id() + ":" + fromAccount + " to " + to.id() + ":"
                + toAccount);
      } finally {
        lock.unlock();
      }
    }));
  }

  /**
   * Completes transfers a crash left half-way: a pending hold toward the clearing account is posted
   * if the other ledger has the credit, and voided if not.
   *
   * @return how many half-done transfers were settled
   */
  public int reconcile() {
    // Both ledgers' disk waits come after this alliance's lock is released.
    return first.ledger().durably(() -> second.ledger().durably(() -> {
      lock.lock();
      try {
        int settled = 0;
        for (Community c : List.of(first, second)) {
          Community o = other(c);
          for (Hold h : c.ledger().pendingHolds(clearingAccount(o.id()))) {
            if (o.ledger().find(h.id()).isPresent()) {
              c.ledger().post(h.id(), h.id(), h.amount());
            } else {
              c.ledger().voidHold(h.id());
            }
            settled++;
          }
        }
        return settled;
      } finally {
        lock.unlock();
      }
    }));
  }
}
