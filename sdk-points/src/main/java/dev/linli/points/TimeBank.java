package dev.linli.points;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A community time bank (共富银行) on a {@link Ledger}: volunteers earn points by the
 * {@link EarningRules} and honour minutes (服务时长) for the time they serve.
 *
 * <p>Each member has two accounts, {@code <member>.points} and {@code <member>.minutes}. Points come
 * from the community pool and can be spent; minutes come from the hours issuer, live in their own
 * asset and are never spent, so spending points never reduces a member's honour record. An award is
 * either posted at once ({@link #award}) or proposed as two holds that the organiser confirms
 * ({@link #confirm}) or that a complaint voids ({@link #complain}); both legs always move together.
 * Thread-safe as far as the ledger is: every step is one ledger operation.
 *
 * @since 0.1.0
 */
public final class TimeBank {
  /** The asset of points. */
  public static final String POINTS = "points";
  /** The asset of honour time, in minutes. */
  public static final String MINUTES = "service-minutes";

  private final Ledger ledger;
  private final EarningRules rules;
  private final String poolId;
  private final String minutesIssuerId;

  private TimeBank(Ledger ledger, EarningRules rules, String poolId, String minutesIssuerId) {
    this.ledger = ledger;
    this.rules = rules;
    this.poolId = poolId;
    this.minutesIssuerId = minutesIssuerId;
  }

  /**
   * Returns a time bank on {@code ledger}, creating its pool and minutes issuer if missing.
   *
   * @param ledger the ledger
   * @param rules how service earns points
   * @param poolId the community pool that pays points (may go negative: it is topped up by donors)
   * @param minutesIssuerId the account that issues honour minutes
   * @return the time bank
   */
  public static TimeBank open(Ledger ledger, EarningRules rules, String poolId,
      String minutesIssuerId) {
    Objects.requireNonNull(ledger, "ledger");
    Objects.requireNonNull(rules, "rules");
    ledger.createAccount(Account.unlimited(Id.require(poolId, "poolId"), POINTS,
        AccountKind.COMMUNITY_POOL));
    ledger.createAccount(Account.unlimited(Id.require(minutesIssuerId, "minutesIssuerId"),
        MINUTES, AccountKind.ISSUER));
    return new TimeBank(ledger, rules, poolId, minutesIssuerId);
  }

  /**
   * Opens a member's points and minutes accounts (idempotent).
   *
   * @param memberId the volunteer's id
   */
  public void enrol(String memberId) {
    ledger.createAccount(Account.member(pointsAccount(memberId), POINTS));
    ledger.createAccount(Account.member(minutesAccount(memberId), MINUTES));
  }

  /**
   * Returns the id of a member's points account.
   *
   * @param memberId the member
   * @return {@code memberId + ".points"}
   */
  public static String pointsAccount(String memberId) {
    return Id.require(memberId + ".points", "memberId");
  }

  /**
   * Returns the id of a member's honour-minutes account.
   *
   * @param memberId the member
   * @return {@code memberId + ".minutes"}
   */
  public static String minutesAccount(String memberId) {
    return Id.require(memberId + ".minutes", "memberId");
  }

  /**
   * What serving earns, before it is posted.
   *
   * @param points points by the earning rules
   * @param minutes honour minutes counted (capped per activity)
   */
  public record Earning(long points, long minutes) {}

  /**
   * Returns what {@code served} time in {@code category} earns.
   *
   * @param category activity category
   * @param served time served
   * @return points and counted minutes
   */
  public Earning earning(String category, Duration served) {
    return new Earning(rules.points(category, served), rules.counted(served).toMinutes());
  }

  /**
   * Posts an award at once: points from the pool and minutes from the issuer, all or nothing.
   *
   * @param awardId caller-chosen id (a retry returns {@code EXISTS})
   * @param memberId the volunteer, enrolled
   * @param category the activity category
   * @param served time served
   * @param activityId the activity, kept as the transfers' user data
   * @return the results of the points and minutes transfers (a zero leg is left out)
   */
  public List<TransferResult> award(String awardId, String memberId, String category,
      Duration served, String activityId) {
    return ledger.submitLinked(legs(awardId, memberId, category, served, activityId));
  }

  /**
   * Proposes an award as holds, to be confirmed by the organiser within {@code confirmWithin}.
   *
   * @param awardId caller-chosen id
   * @param memberId the volunteer, enrolled
   * @param category the activity category
   * @param served time served
   * @param activityId the activity
   * @param confirmWithin how long the organiser has; afterwards the holds expire
   * @return the results of placing the holds
   */
  public List<TransferResult> propose(String awardId, String memberId, String category,
      Duration served, String activityId, Duration confirmWithin) {
    List<TransferResult> out = new ArrayList<>();
    for (TransferRequest leg : legs(awardId, memberId, category, served, activityId)) {
      out.add(ledger.hold(leg, confirmWithin));
    }
    return out;
  }

  /**
   * Confirms a proposed award: posts its holds in full.
   *
   * @param awardId the award
   * @return the results of posting each leg
   */
  public List<TransferResult> confirm(String awardId) {
    List<TransferResult> out = new ArrayList<>();
    for (String leg : List.of(".points", ".minutes")) {
      if (ledger.findHold(awardId + leg).isPresent()) {
        Hold h = ledger.findHold(awardId + leg).orElseThrow();
        out.add(ledger.post(awardId + leg + ".posted", h.id(), h.amount()));
      }
    }
    return out;
  }

  /**
   * Voids a proposed award after a complaint.
   *
   * @param awardId the award
   * @return the results of voiding each leg
   */
  public List<TransferResult> complain(String awardId) {
    List<TransferResult> out = new ArrayList<>();
    for (String leg : List.of(".points", ".minutes")) {
      if (ledger.findHold(awardId + leg).isPresent()) {
        out.add(ledger.voidHold(awardId + leg));
      }
    }
    return out;
  }

  private List<TransferRequest> legs(String awardId, String memberId, String category,
      Duration served, String activityId) {
    Id.require(awardId, "awardId");
    InvalidValueException.check(!served.isNegative() && !served.isZero(), "served", served,
        "must be a positive duration");
    Earning e = earning(category, served);
    List<TransferRequest> legs = new ArrayList<>();
    if (e.points() > 0) {
      legs.add(new TransferRequest(awardId + ".points", poolId, pointsAccount(memberId),
          e.points(), category, activityId, null));
    }
    if (e.minutes() > 0) {
      legs.add(new TransferRequest(awardId + ".minutes", minutesIssuerId,
          minutesAccount(memberId), e.minutes(), category, activityId, null));
    }
    return legs;
  }
}
