package dev.linli.points.timebank;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.AccountResult;
import dev.linli.points.Balance;
import dev.linli.points.HistoryQuery;
import dev.linli.points.Hold;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A community time bank (共富银行) on a {@link Ledger}: volunteers earn points by the
 * {@link EarningRules} and honour minutes (服务时长) for the time they serve; they give points to
 * their household, donate to the pool, and the pool awards points it was given.
 *
 * <p>Each member has two accounts, {@code <member>.points} and {@code <member>.minutes}. Points come
 * from the community pool and can be spent; minutes come from the hours issuer, live in their own
 * asset and are never spent, so spending points never reduces a member's honour record. An award is
 * either posted at once ({@link #award}) or proposed as holds that the organiser confirms
 * ({@link #confirm}) or that a complaint voids ({@link #complain}); its legs always move together.
 * Per-period caps on service time, the referral bonus, the balance cap (overflow to the donation
 * pool) and gift and donation limits are applied here, from the ledger's own records, so they hold
 * after a restart.
 *
 * <p>Thread-safe: operations that check a cap or limit and then write run under the time bank's lock,
 * so two concurrent awards cannot both use the last hour of a cap. Guardians (代办人) who may act for
 * a member are configuration the embedder supplies at start, not ledger state.
 *
 * @since 0.1.0
 */
public final class TimeBank {
  /** The asset of points. */
  public static final String POINTS = "points";
  /** The asset of honour time, in minutes. */
  public static final String MINUTES = "service-minutes";

  private static final String REFERRED_BY = "referred-by:";

  private final Ledger ledger;
  private final EarningRules rules;
  private final MemberLimits limits;
  private final String poolId;
  private final String donationPoolId;
  private final String minutesIssuerId;
  private final HouseholdDirectory households;
  private final Map<String, Set<String>> guardians = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();

  private TimeBank(Builder b) {
    this.ledger = b.ledger;
    this.rules = b.rules;
    this.limits = b.limits;
    this.poolId = b.poolId;
    this.donationPoolId = b.donationPoolId;
    this.minutesIssuerId = b.minutesIssuerId;
    this.households = b.households;
  }

  /**
   * Returns a time bank on {@code ledger}, creating its pool and minutes issuer if missing; no
   * member limits, donation pool {@code donations}.
   *
   * @param ledger the ledger
   * @param rules how service earns points
   * @param poolId the community pool that pays points (may go negative: it is topped up by donors)
   * @param minutesIssuerId the account that issues honour minutes
   * @return the time bank
   */
  public static TimeBank open(Ledger ledger, EarningRules rules, String poolId,
      String minutesIssuerId) {
    return builder(ledger, rules).pool(poolId).minutesIssuer(minutesIssuerId).build();
  }

  /**
   * Returns a builder for a time bank on {@code ledger}.
   *
   * @param ledger the ledger
   * @param rules how service earns points
   * @return a builder with pool {@code pool}, donation pool {@code donations}, minutes issuer
   *     {@code minutes-issuer}, no member limits and no household directory
   */
  public static Builder builder(Ledger ledger, EarningRules rules) {
    return new Builder(Objects.requireNonNull(ledger, "ledger"), Objects.requireNonNull(rules,
        "rules"));
  }

  /**
   * Configures a {@link TimeBank}. Not thread-safe; build once.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Ledger ledger;
    private final EarningRules rules;
    private MemberLimits limits = MemberLimits.NONE;
    private String poolId = "pool";
    private String donationPoolId = "donations";
    private String minutesIssuerId = "minutes-issuer";
    private HouseholdDirectory households = member -> Optional.empty();

    private Builder(Ledger ledger, EarningRules rules) {
      this.ledger = ledger;
      this.rules = rules;
    }

    /**
     * Sets the community pool that pays awards.
     *
     * @param id the account id
     * @return this builder
     */
    public Builder pool(String id) {
      this.poolId = Id.require(id, "poolId");
      return this;
    }

    /**
     * Sets the donation pool: it receives donations and balance-cap overflow and funds grants; it
     * may not go below zero.
     *
     * @param id the account id
     * @return this builder
     */
    public Builder donationPool(String id) {
      this.donationPoolId = Id.require(id, "donationPoolId");
      return this;
    }

    /**
     * Sets the account that issues honour minutes.
     *
     * @param id the account id
     * @return this builder
     */
    public Builder minutesIssuer(String id) {
      this.minutesIssuerId = Id.require(id, "minutesIssuerId");
      return this;
    }

    /**
     * Sets the member limits.
     *
     * @param value the limits
     * @return this builder
     */
    public Builder limits(MemberLimits value) {
      this.limits = Objects.requireNonNull(value, "limits");
      return this;
    }

    /**
     * Sets where households are looked up, for gifts.
     *
     * @param value the directory
     * @return this builder
     */
    public Builder households(HouseholdDirectory value) {
      this.households = Objects.requireNonNull(value, "households");
      return this;
    }

    /**
     * Returns the time bank, creating its pool, donation pool and minutes issuer accounts if
     * missing.
     *
     * @return the time bank
     */
    public TimeBank build() {
      ledger.createAccount(Account.unlimited(poolId, POINTS, AccountKind.COMMUNITY_POOL));
      ledger.createAccount(new Account(donationPoolId, POINTS, AccountKind.DONATION_POOL, 0, false,
          ""));
      ledger.createAccount(Account.unlimited(minutesIssuerId, MINUTES, AccountKind.ISSUER));
      return new TimeBank(this);
    }
  }

  /**
   * Returns the ledger this time bank writes to.
   *
   * @return the ledger
   */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * Returns the earning rules.
   *
   * @return the rules
   */
  public EarningRules rules() {
    return rules;
  }

  /**
   * Returns the community pool's account id.
   *
   * @return the pool id
   */
  public String poolId() {
    return poolId;
  }

  /**
   * Returns the donation pool's account id.
   *
   * @return the donation pool id
   */
  public String donationPoolId() {
    return donationPoolId;
  }

  /**
   * Returns the honour-minutes issuer's account id.
   *
   * @return the issuer id
   */
  public String minutesIssuerId() {
    return minutesIssuerId;
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
   * Opens a member's accounts, recording who referred them: the referrer earns the rules'
   * {@link EarningRules#referralBonus()} once, when this member's first award posts.
   *
   * @param memberId the new member
   * @param referrerId an enrolled member who referred them
   * @return OK, or how the existing account differs (a member is referred once, at enrolment)
   */
  public AccountResult enrol(String memberId, String referrerId) {
    Id.require(referrerId, "referrerId");
    AccountResult r = ledger.createAccount(Account.member(pointsAccount(memberId), POINTS)
        .withUserData(REFERRED_BY + referrerId));
    ledger.createAccount(Account.member(minutesAccount(memberId), MINUTES));
    return r;
  }

  /**
   * Lets {@code guardianId} act for {@code memberId} (代办: a daughter redeeming for her elderly
   * father); the guardian is recorded as the operator of each transfer.
   *
   * @param memberId the member
   * @param guardianId who may act for them
   */
  public void authoriseGuardian(String memberId, String guardianId) {
    guardians.computeIfAbsent(Id.require(memberId, "memberId"), k -> ConcurrentHashMap.newKeySet())
        .add(Id.require(guardianId, "guardianId"));
  }

  /**
   * Withdraws a guardian's authority.
   *
   * @param memberId the member
   * @param guardianId the guardian
   */
  public void revokeGuardian(String memberId, String guardianId) {
    Set<String> g = guardians.get(memberId);
    if (g != null) {
      g.remove(guardianId);
    }
  }

  /**
   * Returns whether {@code operator} may act for {@code memberId}: the member themself (or null,
   * meaning the member) or an authorised guardian.
   *
   * @param memberId the member
   * @param operator who acts, or null
   * @return true if allowed
   */
  public boolean mayActFor(String memberId, String operator) {
    return operator == null || operator.equals(memberId)
        || guardians.getOrDefault(memberId, Set.of()).contains(operator);
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
   * @param minutes honour minutes counted (capped per activity and per period)
   */
  public record Earning(long points, long minutes) {}

  /**
   * Returns what {@code served} time in {@code category} earns by the per-activity cap, before any
   * per-period cap.
   *
   * @param category activity category
   * @param served time served
   * @return points and counted minutes
   */
  public Earning earning(String category, Duration served) {
    return new Earning(rules.points(category, served), rules.counted(served).toMinutes());
  }

  /**
   * Returns the service minutes counted for {@code memberId} so far in the cap period that contains
   * now (posted and proposed), or 0 if the rules have no period cap.
   *
   * @param memberId the member
   * @return minutes counted this period
   */
  public long minutesThisPeriod(String memberId) {
    ServiceCap cap = rules.periodCap();
    if (cap == null) {
      return 0;
    }
    Instant[] period = cap.period().bounds(ledger.clock().instant(), ledger.zone());
    String account = minutesAccount(memberId);
    long used = 0;
    for (Transfer t : ledger.history(account, HistoryQuery.all().between(period[0], period[1]))) {
      if (t.debitAccountId().equals(minutesIssuerId) && t.reverses() == null) {
        used += t.amount() - ledger.reversedAmount(t.id());
      }
    }
    for (Hold h : ledger.pendingHolds(account)) {
      if (h.debitAccountId().equals(minutesIssuerId)) {
        used += h.amount();
      }
    }
    return used;
  }

  /**
   * Posts an award at once: points from the pool and minutes from the issuer, all or nothing, after
   * the per-activity and per-period caps; points beyond the balance cap go to the donation pool; a
   * referrer's one-time bonus is paid with the member's first award.
   *
   * @param request the award, not null
   * @return accepted as {@code POSTED} with its transfers (a zero leg is left out; a retry answers
   *     with the first request's transfers), or rejected: {@code CAP_REACHED} if the period cap is
   *     used up, {@code LEDGER_REJECTED} with the ledger's codes
   */
  public ServiceResult<AwardState> award(AwardRequest request) {
    Objects.requireNonNull(request, "request");
    String awardId = request.awardId();
    return ledger.durably(() -> {
      lock.lock();
      try {
        List<Transfer> retry = new ArrayList<>();
        for (String leg : legIds(awardId)) {
          ledger.find(leg).ifPresent(retry::add);
        }
        if (!retry.isEmpty()) {
          return new ServiceResult.Accepted<>(AwardState.POSTED, retry,
              "award " + awardId + " was already posted", true);
        }
        List<TransferRequest> legs = legs(request);
        if (legs.isEmpty()) {
          return capReached(request);
        }
        List<TransferResult> results = ledger.submitLinked(legs);
        if (!results.stream().allMatch(r -> r == TransferResult.OK)) {
          return ledgerRejected("the ledger refused award " + awardId, results);
        }
        payReferralBonus(request.memberId());
        return new ServiceResult.Accepted<>(AwardState.POSTED, found(legs),
            "award " + awardId + " posted");
      } finally {
        lock.unlock();
      }
    });
  }

  /**
   * Proposes an award as holds, to be confirmed by the organiser within {@code confirmWithin}.
   * Proposed minutes count against the period cap until they are confirmed or voided. If the
   * ledger refuses a leg, the legs already held are voided, so nothing stays held.
   *
   * @param request the award, not null
   * @param confirmWithin how long the organiser has; afterwards the holds expire
   * @return accepted as {@code PROPOSED} (no transfers yet; a retry answers as the first time, or
   *     {@code CONFIRMED} once it was), or rejected: {@code CAP_REACHED}, {@code LEDGER_REJECTED}
   *     with the ledger's codes, or {@code ILLEGAL_TRANSITION} if this award was voided or expired
   */
  public ServiceResult<AwardState> propose(AwardRequest request, Duration confirmWithin) {
    Objects.requireNonNull(request, "request");
    String awardId = request.awardId();
    return ledger.durably(() -> {
      lock.lock();
      try {
        List<Hold> existing = new ArrayList<>();
        for (String leg : legIds(awardId)) {
          ledger.findHold(leg).ifPresent(existing::add);
        }
        if (!existing.isEmpty()) {
          return proposedBefore(awardId, existing);
        }
        List<TransferRequest> legs = legs(request);
        if (legs.isEmpty()) {
          return capReached(request);
        }
        List<TransferResult> out = new ArrayList<>();
        for (TransferRequest leg : legs) {
          out.add(ledger.hold(leg, confirmWithin));
        }
        if (!out.stream().allMatch(r -> r == TransferResult.OK)) {
          // Each hold is its own ledger write: release what was held, so nothing half-applies.
          for (int i = 0; i < legs.size(); i++) {
            if (out.get(i) == TransferResult.OK) {
              ledger.voidHold(legs.get(i).id());
            }
          }
          return ledgerRejected("the ledger refused to hold award " + awardId, out);
        }
        return new ServiceResult.Accepted<>(AwardState.PROPOSED, List.of(), "award " + awardId
            + " proposed: " + legs.stream().map(l -> l.amount() + " " + (l.creditAccountId()
                .endsWith(".minutes") ? "minutes" : "points")).toList() + " held until "
            + ledger.clock().instant().plus(confirmWithin));
      } finally {
        lock.unlock();
      }
    });
  }

  /** The answer to proposing an award whose holds exist: a retry, or too late if they lapsed. */
  private static ServiceResult<AwardState> proposedBefore(String awardId, List<Hold> holds) {
    for (Hold h : holds) {
      if (h.state() == Hold.State.VOIDED || h.state() == Hold.State.EXPIRED) {
        return new ServiceResult.Rejected<>(ServiceCode.ILLEGAL_TRANSITION, "award " + awardId
            + " was proposed before and is " + h.state() + "; propose it under a new id");
      }
    }
    boolean posted = holds.stream().allMatch(h -> h.state() == Hold.State.POSTED);
    return new ServiceResult.Accepted<>(posted ? AwardState.CONFIRMED : AwardState.PROPOSED,
        List.of(), "award " + awardId + " was already proposed", true);
  }

  /**
   * Confirms a proposed award: posts its holds in full, then pays a referrer's one-time bonus if
   * this is the member's first award.
   *
   * @param awardId the award
   * @return accepted as {@code CONFIRMED} with the posted transfers (a retry answers with the same
   *     transfers), or rejected: {@code NOT_FOUND} if no award with this id was proposed,
   *     {@code LEDGER_REJECTED} with the ledger's code for each leg (such as
   *     {@code HOLD_ALREADY_VOIDED} after a complaint)
   */
  public ServiceResult<AwardState> confirm(String awardId) {
    return ledger.durably(() -> {
      lock.lock();
      try {
        List<TransferResult> out = new ArrayList<>();
        List<String> postedIds = new ArrayList<>();
        String member = null;
        for (String leg : legIds(awardId)) {
          Optional<Hold> h = ledger.findHold(leg);
          if (h.isPresent()) {
            String postId = TransferRequest.derivedId(leg, "posted");
            out.add(ledger.post(postId, h.get().id(), h.get().amount()));
            postedIds.add(postId);
            String credit = h.get().creditAccountId();
            if (leg.equals(awardId + ".minutes")) {
              member = credit.substring(0, credit.length() - ".minutes".length());
            }
          }
        }
        if (out.isEmpty()) {
          return notProposed(awardId);
        }
        if (!out.stream().allMatch(r -> r == TransferResult.OK || r == TransferResult.EXISTS)) {
          return ledgerRejected("the ledger refused to confirm award " + awardId, out);
        }
        if (member != null) {
          payReferralBonus(member);
        }
        List<Transfer> made = new ArrayList<>();
        for (String id : postedIds) {
          made.add(ledger.find(id).orElseThrow());
        }
        boolean retry = out.stream().allMatch(r -> r == TransferResult.EXISTS);
        return new ServiceResult.Accepted<>(AwardState.CONFIRMED, made,
            "award " + awardId + (retry ? " was already confirmed" : " confirmed"), retry);
      } finally {
        lock.unlock();
      }
    });
  }

  /**
   * Voids a proposed award after a complaint.
   *
   * @param awardId the award
   * @return accepted as {@code VOIDED} (a retry answers the same), or rejected: {@code NOT_FOUND}
   *     if no award with this id was proposed, {@code LEDGER_REJECTED} with the ledger's code for
   *     each leg (such as {@code HOLD_ALREADY_POSTED} once it was confirmed)
   */
  public ServiceResult<AwardState> complain(String awardId) {
    List<TransferResult> out = new ArrayList<>();
    for (String leg : legIds(awardId)) {
      if (ledger.findHold(leg).isPresent()) {
        out.add(ledger.voidHold(leg));
      }
    }
    if (out.isEmpty()) {
      return notProposed(awardId);
    }
    if (!out.stream().allMatch(r -> r == TransferResult.OK || r == TransferResult.EXISTS)) {
      return ledgerRejected("the ledger refused to void award " + awardId, out);
    }
    boolean retry = out.stream().allMatch(r -> r == TransferResult.EXISTS);
    return new ServiceResult.Accepted<>(AwardState.VOIDED, List.of(),
        "award " + awardId + (retry ? " was already voided" : " voided"), retry);
  }

  private static <S extends Enum<S>> ServiceResult<S> notProposed(String awardId) {
    return new ServiceResult.Rejected<>(ServiceCode.NOT_FOUND, "no award " + awardId
        + " was proposed; propose it first");
  }

  private ServiceResult<AwardState> capReached(AwardRequest request) {
    ServiceCap cap = rules.periodCap();
    if (cap == null) {
      // Only rules whose maxPerActivity is under a minute count nothing without a period cap.
      throw new InvalidValueException("served", String.valueOf(request.served()),
          "counts no whole minute under maxPerActivity " + rules.maxPerActivity());
    }
    return new ServiceResult.Rejected<>(ServiceCode.CAP_REACHED, request.memberId()
        + " has used the whole service cap of " + cap.max().toMinutes() + " min per "
        + cap.period().name().toLowerCase(java.util.Locale.ROOT) + "; award "
        + request.awardId() + " would count nothing until the next period");
  }

  /** A rejection naming the ledger's first real refusal (not a linked-batch echo). */
  static <S extends Enum<S>> ServiceResult<S> ledgerRejected(String what,
      List<TransferResult> results) {
    TransferResult first = results.stream().filter(r -> r != TransferResult.OK
        && r != TransferResult.EXISTS && r != TransferResult.LINKED_EVENT_FAILED).findFirst()
        .orElse(TransferResult.LINKED_EVENT_FAILED);
    return new ServiceResult.Rejected<>(ServiceCode.LEDGER_REJECTED, what + ": " + first,
        results);
  }

  private List<Transfer> found(List<TransferRequest> batch) {
    List<Transfer> made = new ArrayList<>();
    for (TransferRequest r : batch) {
      made.add(ledger.find(r.id()).orElseThrow());
    }
    return made;
  }

  /**
   * Gives points to a member of the giver's household (a gift to a grandparent), within the gift
   * limit per period; points beyond the receiver's balance cap go to the donation pool.
   *
   * @param request the gift, not null
   * @return accepted as {@code PAID} with the transfers (a retry answers with the same transfers),
   *     or why not
   */
  public ServiceResult<PaymentState> gift(GiftRequest request) {
    Objects.requireNonNull(request, "request");
    String giftId = request.giftId();
    String fromMember = request.fromMember();
    String toMember = request.toMember();
    long amount = request.amount();
    String operator = request.operator();
    return ledger.durably(() -> {
      lock.lock();
      try {
        Optional<ServiceResult<PaymentState>> done = retried(giftId);
        if (done.isPresent()) {
          return done.get();
        }
        ServiceResult<PaymentState> refused = refuseUnlessEnrolled(fromMember, toMember);
        if (refused == null) {
          refused = refuseUnlessAllowed(fromMember, operator);
        }
        if (refused != null) {
          return refused;
        }
        Optional<String> from = households.householdOf(fromMember);
        if (from.isEmpty() || !from.equals(households.householdOf(toMember))) {
          return new ServiceResult.Rejected<>(ServiceCode.NOT_SAME_HOUSEHOLD,
              "gifts go only to members of the giver's household: " + fromMember + " is in "
                  + from.orElse("no known household") + ", " + toMember + " in "
                  + households.householdOf(toMember).orElse("no known household"));
        }
        refused = refuseOverLimit(fromMember, "gift", limits.gifts(), amount, "gifts");
        if (refused != null) {
          return refused;
        }
        List<TransferRequest> batch = capped(giftId, pointsAccount(fromMember), toMember, amount,
            "gift", "gift to " + toMember, operator);
        return submit(batch, "gift " + giftId);
      } finally {
        lock.unlock();
      }
    });
  }

  /**
   * Donates points to the community's donation pool, within the donation limit per period.
   *
   * @param request the donation, not null
   * @return accepted as {@code PAID} with the transfer, or why not
   */
  public ServiceResult<PaymentState> donate(DonationRequest request) {
    Objects.requireNonNull(request, "request");
    String donationId = request.donationId();
    String member = request.member();
    long amount = request.amount();
    String operator = request.operator();
    return ledger.durably(() -> {
      lock.lock();
      try {
        Optional<ServiceResult<PaymentState>> done = retried(donationId);
        if (done.isPresent()) {
          return done.get();
        }
        ServiceResult<PaymentState> refused = refuseUnlessEnrolled(member);
        if (refused == null) {
          refused = refuseUnlessAllowed(member, operator);
        }
        if (refused == null) {
          refused = refuseOverLimit(member, "donation", limits.donations(), amount, "donations");
        }
        if (refused != null) {
          return refused;
        }
        return submit(List.of(new TransferRequest(donationId, pointsAccount(member), donationPoolId,
            amount, "donation", "donation to the pool", null, operator)),
            "donation " + donationId);
      } finally {
        lock.unlock();
      }
    });
  }

  /**
   * Awards points from the donation pool (a fund-backed award, such as a thank-you for a
   * micro-wish); the pool cannot give what it was not given.
   *
   * @param request the grant, not null
   * @return accepted as {@code PAID} with the transfers, or why not ({@code LEDGER_REJECTED} with
   *     {@code EXCEEDS_BALANCE} if the pool is short)
   */
  public ServiceResult<PaymentState> grant(GrantRequest request) {
    Objects.requireNonNull(request, "request");
    String grantId = request.grantId();
    String member = request.member();
    return ledger.durably(() -> {
      lock.lock();
      try {
        Optional<ServiceResult<PaymentState>> done = retried(grantId);
        if (done.isPresent()) {
          return done.get();
        }
        ServiceResult<PaymentState> refused = refuseUnlessEnrolled(member);
        if (refused != null) {
          return refused;
        }
        return submit(capped(grantId, donationPoolId, member, request.amount(), "grant",
            request.reason(), null), "grant " + grantId);
      } finally {
        lock.unlock();
      }
    });
  }

  private Optional<ServiceResult<PaymentState>> retried(String id) {
    Optional<Transfer> t = ledger.find(id);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    List<Transfer> made = new ArrayList<>(List.of(t.get()));
    ledger.find(TransferRequest.derivedId(id, "overflow")).ifPresent(made::add);
    return Optional.of(new ServiceResult.Accepted<>(PaymentState.PAID, made,
        id + " was already paid", true));
  }

  private ServiceResult<PaymentState> submit(List<TransferRequest> batch, String what) {
    List<TransferResult> results = ledger.submitLinked(batch);
    if (results.stream().allMatch(r -> r == TransferResult.OK || r == TransferResult.EXISTS)) {
      return new ServiceResult.Accepted<>(PaymentState.PAID, found(batch), what + " paid");
    }
    return ledgerRejected("the ledger refused " + what, results);
  }

  /** A rejection if a member is not enrolled, else null; shared with {@link Catalogue}. */
  <S extends Enum<S>> ServiceResult<S> refuseUnlessEnrolled(String... members) {
    for (String m : members) {
      if (ledger.account(pointsAccount(m)).isEmpty()) {
        return new ServiceResult.Rejected<>(ServiceCode.NOT_ENROLLED,
            "member " + m + " is not enrolled in this time bank; call enrol first");
      }
    }
    return null;
  }

  /** A rejection if {@code operator} may not act for {@code member}, else null. */
  <S extends Enum<S>> ServiceResult<S> refuseUnlessAllowed(String member, String operator) {
    if (mayActFor(member, operator)) {
      return null;
    }
    return new ServiceResult.Rejected<>(ServiceCode.NOT_AUTHORISED,
        operator + " may not act for " + member + "; authorise them as a guardian first");
  }

  private <S extends Enum<S>> ServiceResult<S> refuseOverLimit(String member, String code,
      PointsLimit limit, long amount, String what) {
    if (limit == null) {
      return null;
    }
    Instant[] period = limit.period().bounds(ledger.clock().instant(), ledger.zone());
    long used = 0;
    for (Transfer t : ledger.history(pointsAccount(member),
        HistoryQuery.all().between(period[0], period[1]).withCode(code))) {
      used += t.signedAmount(pointsAccount(member)) < 0 ? t.amount() : -t.amount();
    }
    if (used + amount <= limit.max()) {
      return null;
    }
    return new ServiceResult.Rejected<>(ServiceCode.LIMIT_REACHED,
        what + " are limited to " + limit.max() + " points per " + limit.period().name()
            .toLowerCase(java.util.Locale.ROOT) + "; " + member + " has given " + used
            + " this period, so at most " + Math.max(0, limit.max() - used) + " more");
  }

  /**
   * The transfers that credit {@code amount} points to {@code member} from {@code fromAccount}:
   * what fits under the balance cap goes to the member, the rest to the donation pool.
   */
  private List<TransferRequest> capped(String id, String fromAccount, String member, long amount,
      String code, String userData, String operator) {
    long toMember = amount;
    if (limits.balanceCap() > 0) {
      Balance b = ledger.balance(pointsAccount(member));
      long headroom = Math.max(0, limits.balanceCap() - b.balance() - b.creditsPending());
      toMember = Math.min(amount, headroom);
    }
    List<TransferRequest> out = new ArrayList<>();
    if (toMember > 0) {
      out.add(new TransferRequest(id, fromAccount, pointsAccount(member), toMember, code, userData,
          null, operator));
    }
    if (amount > toMember && !fromAccount.equals(donationPoolId)) {
      out.add(new TransferRequest(TransferRequest.derivedId(id, "overflow"), fromAccount, donationPoolId,
          amount - toMember, "overflow", "over the balance cap of " + member, null, operator));
    }
    return out;
  }

  /** The ids of an award's legs: points, points over the balance cap, minutes. */
  private static List<String> legIds(String awardId) {
    Id.require(awardId, "awardId");
    return List.of(awardId + ".points", TransferRequest.derivedId(awardId + ".points", "overflow"),
        awardId + ".minutes");
  }

  private void payReferralBonus(String memberId) {
    TransferRequest bonus = referralBonus(memberId);
    if (bonus != null) {
      // The bonus is the referrer's, not part of the award: if it cannot be paid now (the
      // referrer's account is frozen), the next award of the member pays it.
      ledger.submit(bonus);
    }
  }

  /** The referrer's one-time bonus for {@code memberId}, or null if there is none to pay. */
  private TransferRequest referralBonus(String memberId) {
    if (rules.referralBonus() == 0) {
      return null;
    }
    String data = ledger.account(pointsAccount(memberId)).map(Account::userData).orElse("");
    if (!data.startsWith(REFERRED_BY)) {
      return null;
    }
    String referrer = data.substring(REFERRED_BY.length());
    String id = TransferRequest.derivedId("referral", memberId);
    if (ledger.find(id).isPresent() || ledger.account(pointsAccount(referrer)).isEmpty()) {
      return null;
    }
    return new TransferRequest(id, poolId, pointsAccount(referrer), rules.referralBonus(),
        "referral", "referred " + memberId, null, null);
  }

  private List<TransferRequest> legs(AwardRequest request) {
    String awardId = request.awardId();
    String memberId = request.memberId();
    String category = request.category();
    String activityId = request.activityId();
    Duration counted = rules.counted(request.served());
    ServiceCap cap = rules.periodCap();
    if (cap != null) {
      long left = Math.max(0, cap.max().toMinutes() - minutesThisPeriod(memberId));
      if (counted.toMinutes() > left) {
        counted = Duration.ofMinutes(left);
      }
    }
    if (counted.isZero()) {
      return List.of();
    }
    long points = rules.points(category, counted);
    long minutes = counted.toMinutes();
    List<TransferRequest> legs = new ArrayList<>();
    if (points > 0) {
      legs.addAll(capped(awardId + ".points", poolId, memberId, points, category, activityId,
          null));
    }
    if (minutes > 0) {
      legs.add(new TransferRequest(awardId + ".minutes", minutesIssuerId,
          minutesAccount(memberId), minutes, category, activityId, null));
    }
    return legs;
  }
}
