package dev.linli.points.timebank;

import dev.linli.points.FactLog;
import dev.linli.points.internal.Decided;
import dev.linli.points.internal.FactBackend;
import dev.linli.points.internal.FactCodec;
import dev.linli.points.internal.FactStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.function.Supplier;
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
 * <p><b>Durability.</b> Everything the time bank decides from is the ledger's (caps and limits
 * are counted from its transfers, referrals are in the member's account, proposed awards are its
 * holds), except guardians (代办人), who may act for a member: they are facts in a
 * {@link FactLog} ({@link Builder#facts}), in memory by default, or in a {@code DurableLedger}'s
 * journal or a {@code PostgresLedger}'s database, where they survive a restart.
 *
 * <p>Thread-safe: operations that check a cap or limit and then write run as one step of the time
 * bank's fact stream, so two concurrent awards cannot both use the last hour of a cap; with a
 * {@code PostgresLedger}'s log that holds across every application instance sharing the database
 * (the step is one transaction under the stream's lock in the database).
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
  /** Guardians by member: the state folded from {@link GuardianFact}s. */
  private final FactStream<Map<String, Set<String>>, GuardianFact> stream;

  /** What the time bank keeps in its fact log. */
  interface GuardianFact {}

  /**
   * {@code guardianId} may act for {@code memberId} from {@code at}.
   *
   * @param memberId the member
   * @param guardianId the guardian
   * @param at when
   */
  record GuardianAuthorised(String memberId, String guardianId, Instant at)
      implements GuardianFact {}

  /**
   * {@code guardianId} may no longer act for {@code memberId}, from {@code at}.
   *
   * @param memberId the member
   * @param guardianId the guardian
   * @param at when
   */
  record GuardianRevoked(String memberId, String guardianId, Instant at)
      implements GuardianFact {}

  private static final FactCodec<GuardianFact> CODEC = FactCodec.of(GuardianFact.class,
      Map.of("guardian-authorised", GuardianAuthorised.class,
          "guardian-revoked", GuardianRevoked.class));

  private static void apply(Map<String, Set<String>> guardians, GuardianFact fact) {
    if (fact instanceof GuardianAuthorised a) {
      guardians.computeIfAbsent(a.memberId(), k -> new HashSet<>()).add(a.guardianId());
    } else if (fact instanceof GuardianRevoked r) {
      Set<String> g = guardians.get(r.memberId());
      if (g != null) {
        g.remove(r.guardianId());
      }
    }
  }

  private TimeBank(Builder b, FactLog log) {
    this.ledger = b.ledger;
    this.rules = b.rules;
    this.limits = b.limits;
    this.poolId = b.poolId;
    this.donationPoolId = b.donationPoolId;
    this.minutesIssuerId = b.minutesIssuerId;
    this.households = b.households;
    FactBackend backend = FactBackend.of(log);
    backend.checkLedger(ledger);
    this.stream = backend.open(streamOf(poolId), CODEC, HashMap::new, TimeBank::apply);
  }

  /** The time bank's stream in its log: one per community pool, so time banks can share a log. */
  static String streamOf(String poolId) {
    return "time-bank/" + poolId;
  }

  /**
   * Runs {@code work} as one step of the time bank's stream (no facts: its effects are ledger
   * transfers): serialised with every other step, across instances on PostgreSQL, and one
   * transaction or journal record with its ledger changes.
   */
  private <R> R step(Supplier<R> work) {
    return ledger.durably(() -> stream.step(unused -> Decided.nothing(work.get())));
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
    private FactLog facts;

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
     * Sets where the time bank keeps its guardians and through which it serialises its steps: a
     * {@link dev.linli.points.journal.DurableLedger#facts() DurableLedger's} or
     * {@link dev.linli.points.PostgresLedger#facts() PostgresLedger's} log (of this builder's
     * ledger) makes guardians survive a restart and, on PostgreSQL, caps and limits hold across
     * instances; default {@link FactLog#inMemory()}. One time bank per pool and log.
     *
     * @param log the log, not null
     * @return this builder
     * @throws IllegalStateException if set twice
     * @since 0.3.0
     */
    public Builder facts(FactLog log) {
      Objects.requireNonNull(log, "log");
      if (facts != null) {
        throw new IllegalStateException("facts is set twice: " + facts + " and " + log);
      }
      this.facts = log;
      return this;
    }

    /**
     * Returns the time bank, creating its pool, donation pool and minutes issuer accounts if
     * missing, and reading its guardians from its log.
     *
     * @return the time bank
     * @throws IllegalArgumentException if the log belongs to another ledger
     * @throws IllegalStateException if a time bank of the same pool is open on the log
     */
    public TimeBank build() {
      ledger.createAccount(Account.unlimited(poolId, POINTS, AccountKind.COMMUNITY_POOL));
      ledger.createAccount(new Account(donationPoolId, POINTS, AccountKind.DONATION_POOL, 0, false,
          ""));
      ledger.createAccount(Account.unlimited(minutesIssuerId, MINUTES, AccountKind.ISSUER));
      return new TimeBank(this, facts == null ? FactLog.inMemory() : facts);
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
    Id.require(memberId, "memberId");
    Id.require(guardianId, "guardianId");
    ledger.durably(() -> stream.step(g -> g.getOrDefault(memberId, Set.of()).contains(guardianId)
        ? Decided.nothing(null)
        : Decided.of(null, new GuardianAuthorised(memberId, guardianId,
            ledger.clock().instant()))));
  }

  /**
   * Withdraws a guardian's authority.
   *
   * @param memberId the member
   * @param guardianId the guardian
   */
  public void revokeGuardian(String memberId, String guardianId) {
    ledger.durably(() -> stream.step(g -> !g.getOrDefault(memberId, Set.of()).contains(guardianId)
        ? Decided.nothing(null)
        : Decided.of(null, new GuardianRevoked(memberId, guardianId, ledger.clock().instant()))));
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
        || stream.read(g -> g.getOrDefault(memberId, Set.of()).contains(operator));
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
   * @param awardId caller-chosen id (a retry returns {@code EXISTS})
   * @param memberId the volunteer, enrolled
   * @param category the activity category
   * @param served time served
   * @param activityId the activity, kept as the transfers' user data
   * @return the results of the transfers (a zero leg is left out; empty if the period cap is used
   *     up)
   */
  public List<TransferResult> award(String awardId, String memberId, String category,
      Duration served, String activityId) {
    return step(() -> {
        List<TransferResult> retry = new ArrayList<>();
        for (String leg : legIds(awardId)) {
          ledger.find(leg).ifPresent(t -> retry.add(TransferResult.EXISTS));
        }
        if (!retry.isEmpty()) {
          // A retry completes what the first attempt may have left: a bonus refused then (or,
          // without a durable fact log, cut off by a crash after the award) is paid now.
          payReferralBonus(memberId);
          return retry;
        }
        List<TransferRequest> legs = legs(awardId, memberId, category, served, activityId);
        if (legs.isEmpty()) {
          return List.of();
        }
        List<TransferResult> results = ledger.submitLinked(legs);
        if (results.stream().allMatch(r -> r == TransferResult.OK)) {
          payReferralBonus(memberId);
        }
        return results;
    });
  }

  /**
   * Proposes an award as holds, to be confirmed by the organiser within {@code confirmWithin}.
   * Proposed minutes count against the period cap until they are confirmed or voided.
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
    return step(() -> {
        List<TransferResult> out = new ArrayList<>();
        for (String leg : legIds(awardId)) {
          ledger.findHold(leg).ifPresent(h -> out.add(TransferResult.EXISTS));
        }
        if (!out.isEmpty()) {
          return out;
        }
        for (TransferRequest leg : legs(awardId, memberId, category, served, activityId)) {
          out.add(ledger.hold(leg, confirmWithin));
        }
        return out;
    });
  }

  /**
   * Confirms a proposed award: posts its holds in full, then pays a referrer's one-time bonus if
   * this is the member's first award.
   *
   * @param awardId the award
   * @return the results of posting each leg
   */
  public List<TransferResult> confirm(String awardId) {
    return step(() -> {
        List<TransferResult> out = new ArrayList<>();
        String member = null;
        for (String leg : legIds(awardId)) {
          Optional<Hold> h = ledger.findHold(leg);
          if (h.isPresent()) {
            out.add(ledger.post(TransferRequest.derivedId(leg, "posted"), h.get().id(), h.get().amount()));
            String credit = h.get().creditAccountId();
            if (leg.equals(awardId + ".minutes")) {
              member = credit.substring(0, credit.length() - ".minutes".length());
            }
          }
        }
        if (member != null && out.stream().allMatch(r -> r == TransferResult.OK
            || r == TransferResult.EXISTS)) {
          payReferralBonus(member);
        }
        return out;
    });
  }

  /**
   * Voids a proposed award after a complaint.
   *
   * @param awardId the award
   * @return the results of voiding each leg
   */
  public List<TransferResult> complain(String awardId) {
    List<TransferResult> out = new ArrayList<>();
    for (String leg : legIds(awardId)) {
      if (ledger.findHold(leg).isPresent()) {
        out.add(ledger.voidHold(leg));
      }
    }
    return out;
  }

  /**
   * Gives points to a member of the giver's household (a gift to a grandparent), within the gift
   * limit per period; points beyond the receiver's balance cap go to the donation pool.
   *
   * @param giftId caller-chosen id (a retry returns the same transfers)
   * @param fromMember the giver, enrolled
   * @param toMember the receiver, enrolled, same household
   * @param amount points, {@code > 0}
   * @param operator who acts for the giver (a guardian), or null for the giver
   * @return accepted with the transfers, or why not
   */
  public TimeBankResult gift(String giftId, String fromMember, String toMember, long amount,
      String operator) {
    InvalidValueException.check(amount > 0, "amount", amount, "must be > 0");
    return step(() -> {
        Optional<TimeBankResult> done = retried(giftId);
        if (done.isPresent()) {
          return done.get();
        }
        TimeBankResult refused = refuseUnlessEnrolled(fromMember, toMember);
        if (refused == null) {
          refused = refuseUnlessAllowed(fromMember, operator);
        }
        if (refused != null) {
          return refused;
        }
        Optional<String> from = households.householdOf(fromMember);
        if (from.isEmpty() || !from.equals(households.householdOf(toMember))) {
          return new TimeBankResult.Rejected(TimeBankResult.Reason.NOT_SAME_HOUSEHOLD,
              "gifts go only to members of the giver's household: " + fromMember + " is in "
                  + from.orElse("no known household") + ", " + toMember + " in "
                  + households.householdOf(toMember).orElse("no known household"), List.of());
        }
        refused = refuseOverLimit(fromMember, "gift", limits.gifts(), amount, "gifts");
        if (refused != null) {
          return refused;
        }
        List<TransferRequest> batch = capped(giftId, pointsAccount(fromMember), toMember, amount,
            "gift", "gift to " + toMember, operator);
        return submit(batch);
    });
  }

  /**
   * Donates points to the community's donation pool, within the donation limit per period.
   *
   * @param donationId caller-chosen id
   * @param member the donor, enrolled
   * @param amount points, {@code > 0}
   * @param operator who acts for the donor, or null
   * @return accepted with the transfer, or why not
   */
  public TimeBankResult donate(String donationId, String member, long amount, String operator) {
    InvalidValueException.check(amount > 0, "amount", amount, "must be > 0");
    return step(() -> {
        Optional<TimeBankResult> done = retried(donationId);
        if (done.isPresent()) {
          return done.get();
        }
        TimeBankResult refused = refuseUnlessEnrolled(member);
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
            amount, "donation", "donation to the pool", null, operator)));
    });
  }

  /**
   * Awards points from the donation pool (a fund-backed award, such as a thank-you for a
   * micro-wish); the pool cannot give what it was not given.
   *
   * @param grantId caller-chosen id
   * @param member the receiver, enrolled
   * @param amount points, {@code > 0}
   * @param reason what it is for, kept as the transfer's user data
   * @return accepted with the transfers, or why not ({@code EXCEEDS_BALANCE} if the pool is short)
   */
  public TimeBankResult grant(String grantId, String member, long amount, String reason) {
    InvalidValueException.check(amount > 0, "amount", amount, "must be > 0");
    return step(() -> {
        Optional<TimeBankResult> done = retried(grantId);
        if (done.isPresent()) {
          return done.get();
        }
        TimeBankResult refused = refuseUnlessEnrolled(member);
        if (refused != null) {
          return refused;
        }
        return submit(capped(grantId, donationPoolId, member, amount, "grant", reason, null));
    });
  }

  private Optional<TimeBankResult> retried(String id) {
    Id.require(id, "id");
    Optional<Transfer> t = ledger.find(id);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    List<Transfer> made = new ArrayList<>(List.of(t.get()));
    ledger.find(TransferRequest.derivedId(id, "overflow")).ifPresent(made::add);
    return Optional.of(new TimeBankResult.Accepted(made));
  }

  private TimeBankResult submit(List<TransferRequest> batch) {
    List<TransferResult> results = ledger.submitLinked(batch);
    if (results.stream().allMatch(r -> r == TransferResult.OK || r == TransferResult.EXISTS)) {
      List<Transfer> made = new ArrayList<>();
      for (TransferRequest r : batch) {
        made.add(ledger.find(r.id()).orElseThrow());
      }
      return new TimeBankResult.Accepted(made);
    }
    TransferResult first = results.stream().filter(r -> r != TransferResult.LINKED_EVENT_FAILED)
        .findFirst().orElse(TransferResult.LINKED_EVENT_FAILED);
    return new TimeBankResult.Rejected(TimeBankResult.Reason.LEDGER_REJECTED,
        "the ledger refused the transfer: " + first, results);
  }

  /** A rejection if a member is not enrolled, else null; shared with {@link Catalogue}. */
  TimeBankResult refuseUnlessEnrolled(String... members) {
    for (String m : members) {
      if (ledger.account(pointsAccount(m)).isEmpty()) {
        return new TimeBankResult.Rejected(TimeBankResult.Reason.NOT_ENROLLED,
            "member " + m + " is not enrolled in this time bank; call enrol first", List.of());
      }
    }
    return null;
  }

  /** A rejection if {@code operator} may not act for {@code member}, else null. */
  TimeBankResult refuseUnlessAllowed(String member, String operator) {
    if (mayActFor(member, operator)) {
      return null;
    }
    return new TimeBankResult.Rejected(TimeBankResult.Reason.NOT_AUTHORISED,
        operator + " may not act for " + member + "; authorise them as a guardian first", List.of());
  }

  private TimeBankResult refuseOverLimit(String member, String code, PointsLimit limit,
      long amount, String what) {
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
    return new TimeBankResult.Rejected(TimeBankResult.Reason.LIMIT_REACHED,
        what + " are limited to " + limit.max() + " points per " + limit.period().name()
            .toLowerCase(java.util.Locale.ROOT) + "; " + member + " has given " + used
            + " this period, so at most " + Math.max(0, limit.max() - used) + " more", List.of());
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

  private List<TransferRequest> legs(String awardId, String memberId, String category,
      Duration served, String activityId) {
    Id.require(awardId, "awardId");
    InvalidValueException.check(!served.isNegative() && !served.isZero(), "served", served,
        "must be a positive duration");
    Duration counted = rules.counted(served);
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
