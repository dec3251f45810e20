package dev.linli.points.volunteering;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.people.Wish;
import dev.linli.core.people.WishStatus;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.FactLog;
import dev.linli.points.Hold;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import dev.linli.points.internal.Decided;
import dev.linli.points.internal.FactBackend;
import dev.linli.points.internal.FactCodec;
import dev.linli.points.internal.FactStream;
import dev.linli.points.timebank.ServiceCode;
import dev.linli.points.timebank.ServiceResult;
import dev.linli.points.timebank.TimeBank;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The micro-wish board (微心愿): residents (or grid workers for them) post wishes, volunteers or
 * partner units claim them, the resident or a grid worker confirms fulfilment, and the points
 * offered move to whoever fulfilled it. Unclaimed wishes expire after the board's lifetime.
 *
 * <p>Points offered are held at once from the funding account (the community pool or a donor) into
 * the board's escrow account, so they cannot be spent twice; fulfilment posts the hold and pays the
 * claimant from escrow; expiry or cancellation voids it. Either way a wish's points are released
 * exactly once: the ledger's hold resolves once and the payment's id is derived from the wish.
 * Moves follow {@link WishStatus}; an illegal move is a rejection naming the state and what is
 * allowed, never a silent change.
 *
 * <p><b>Durability.</b> The wishes are folded from facts kept in a {@link FactLog}: in memory by
 * default, or with {@link #on(TimeBank, String, Duration, Set, FactLog)} in a {@code
 * DurableLedger}'s journal or in PostgreSQL, each step stored atomically with its ledger changes
 * and replayed on open. On PostgreSQL the boards of every instance sharing the database are one
 * board: steps are serialised across instances (one claimant per wish, one payment).
 *
 * <p>Thread-safe: steps are serialised by the board's fact stream.
 *
 * @since 0.1.0
 */
public final class WishBoard {
  /**
   * The ledger hold's own timeout. A wish's points are held until the wish closes (a claimed wish
   * does not expire), so the hold must outlive any claim; this only releases points a lost board
   * would otherwise hold for ever.
   */
  private static final Duration HOLD_SAFETY_NET = Duration.ofDays(3650);

  private final TimeBank bank;
  private final Ledger ledger;
  private final Clock clock;
  private final String escrowId;
  private final Duration lifetime;
  private final Set<String> gridWorkers;
  private final FactStream<Map<String, Wish>, WishFact> stream;

  /** What a board stores: a wish as it now is, one fact per change. */
  interface WishFact {}

  /** A wish was posted, or moved: it is now this. */
  record WishChanged(Wish wish) implements WishFact {
    /** Checks the field. */
    public WishChanged {
      InvalidValueException.requirePresent(wish, "wish");
    }
  }

  private static final FactCodec<WishFact> CODEC = FactCodec.of(WishFact.class,
      Map.of("wish", WishChanged.class));

  private WishBoard(TimeBank bank, String escrowId, Duration lifetime, Set<String> gridWorkers,
      FactLog log) {
    this.bank = bank;
    this.ledger = bank.ledger();
    this.clock = ledger.clock();
    this.escrowId = escrowId;
    this.lifetime = lifetime;
    this.gridWorkers = Set.copyOf(gridWorkers);
    FactBackend backend = FactBackend.of(log);
    backend.checkLedger(ledger);
    this.stream = backend.open(streamOf(escrowId), CODEC, LinkedHashMap::new,
        (wishes, f) -> {
          Wish w = ((WishChanged) f).wish();
          wishes.put(w.id(), w);
        });
  }

  /** The board's stream in its log: one per escrow account, so boards can share a log. */
  static String streamOf(String escrowId) {
    return "wish-board/" + escrowId;
  }

  /**
   * Returns a wish board on {@code bank}, creating its escrow account if missing.
   *
   * @param bank the community's time bank
   * @param escrowId the account that holds offered points until a wish closes
   * @param lifetime how long a wish stays open for claims, positive
   * @param gridWorkers the grid workers (网格员) who may post and confirm for residents
   * @return the board
   */
  public static WishBoard on(TimeBank bank, String escrowId, Duration lifetime,
      Set<String> gridWorkers) {
    return on(bank, escrowId, lifetime, gridWorkers, FactLog.inMemory());
  }

  /**
   * Returns a wish board on {@code bank} keeping its wishes in {@code log}, creating its escrow
   * account if missing, and replays the wishes the log holds for this escrow account.
   *
   * @param bank the community's time bank
   * @param escrowId the account that holds offered points until a wish closes; also names the
   *     board's stream in the log
   * @param lifetime how long a wish stays open for claims, positive
   * @param gridWorkers the grid workers (网格员) who may post and confirm for residents
   * @param log where the wishes are kept: {@link FactLog#inMemory()}, a {@code DurableLedger}'s or
   *     a {@code PostgresLedger}'s {@code facts()}, belonging to {@code bank}'s ledger
   * @return the board
   * @throws IllegalArgumentException if {@code log} belongs to another ledger
   * @throws IllegalStateException if a board on this escrow account is already open on {@code log}
   * @throws dev.linli.points.FactFormatException if a stored fact cannot be read back
   * @since 0.3.0
   */
  public static WishBoard on(TimeBank bank, String escrowId, Duration lifetime,
      Set<String> gridWorkers, FactLog log) {
    Objects.requireNonNull(bank, "bank");
    Objects.requireNonNull(log, "log");
    InvalidValueException.check(lifetime != null && !lifetime.isNegative() && !lifetime.isZero(),
        "lifetime", lifetime, "must be a positive duration, such as P30D");
    bank.ledger().createAccount(new Account(Id.require(escrowId, "escrowId"), TimeBank.POINTS,
        AccountKind.COMMUNITY_POOL, 0, false, "micro-wish escrow"));
    return new WishBoard(bank, escrowId, lifetime, Set.copyOf(gridWorkers), log);
  }

  private static ServiceResult<WishStatus> reject(ServiceCode code, String message) {
    return new ServiceResult.Rejected<>(code, message);
  }

  private static ServiceResult<WishStatus> ok(WishStatus status, String message) {
    return new ServiceResult.Accepted<>(status, List.of(), message);
  }

  /**
   * Runs one step on the board as stored; a durable ledger's disk wait comes after the board's
   * lock is released.
   */
  private <T> T step(Function<Map<String, Wish>, Decided<T, WishFact>> decide) {
    return ledger.durably(() -> stream.step(decide));
  }

  private static <T> Decided<T, WishFact> none(T result) {
    return Decided.nothing(result);
  }

  private static <T> Decided<T, WishFact> changed(T result, Wish wish) {
    return Decided.of(result, new WishChanged(wish));
  }

  private static String holdId(String wishId) {
    return TransferRequest.derivedId(wishId, "offer");
  }

  /**
   * Posts a wish, holding the points it offers from its source account.
   *
   * @param request the wish, who posts it and what it offers, not null
   * @return accepted as {@code REQUESTED}, or why not
   * @throws InvalidValueException if the category is not a category code
   */
  public ServiceResult<WishStatus> post(WishRequest request) {
    Objects.requireNonNull(request, "request");
    String wishId = request.wishId();
    String requesterId = request.requesterId();
    String postedById = request.postedById();
    long points = request.points();
    String sourceAccountId = request.sourceAccountId();
    Instant now = clock.instant();
    Wish wish = Wish.post(wishId, request.communityId(), requesterId, postedById, request.text(),
        request.category(), points, sourceAccountId, now);
    return step(wishes -> {
      Wish existing = wishes.get(wishId);
      if (existing != null) {
        return none(reject(ServiceCode.ALREADY_EXISTS, "wish " + wishId + " exists ("
            + existing.status() + ")"));
      }
      if (!postedById.equals(requesterId) && !gridWorkers.contains(postedById)) {
        return none(reject(ServiceCode.NOT_ALLOWED, postedById
            + " may not post for " + requesterId + "; only the resident or a grid worker may"));
      }
      if (points > 0) {
        TransferResult held = ledger.hold(new TransferRequest(holdId(wishId), sourceAccountId,
            escrowId, points, "wish", "wish " + wishId, null, null),
            HOLD_SAFETY_NET);
        if (held != TransferResult.OK) {
          return none(new ServiceResult.Rejected<>(ServiceCode.LEDGER_REJECTED, "cannot hold "
              + points + " points from " + sourceAccountId + ": " + held, List.of(held)));
        }
      }
      return changed(ok(WishStatus.REQUESTED, "posted" + (points > 0 ? " with " + points
          + " points held" : "")), wish);
    });
  }

  /**
   * A volunteer or partner unit claims an open wish. A claimant who is to receive points must be
   * enrolled in the time bank.
   *
   * @param wishId the wish
   * @param claimantId who claims it
   * @return accepted as {@code CLAIMED}, or why not
   */
  public ServiceResult<WishStatus> claim(String wishId, String claimantId) {
    return step(wishes -> {
      Wish w = wishes.get(wishId);
      ServiceResult<WishStatus> bad = allowed(w, wishId, WishStatus.CLAIMED);
      if (bad != null) {
        return none(bad);
      }
      if (w.pointsOffered() > 0
          && ledger.account(TimeBank.pointsAccount(claimantId)).isEmpty()) {
        return none(reject(ServiceCode.NOT_ENROLLED, claimantId
            + " is not enrolled in the time bank, so cannot receive the " + w.pointsOffered()
            + " points offered; enrol first"));
      }
      return changed(ok(WishStatus.CLAIMED, "claimed by " + claimantId),
          w.claim(claimantId, clock.instant()));
    });
  }

  /**
   * The claimant gives a wish up; it is open again.
   *
   * @param wishId the wish
   * @param claimantId who claimed it
   * @return accepted as {@code REQUESTED}, or why not
   */
  public ServiceResult<WishStatus> release(String wishId, String claimantId) {
    return step(wishes -> {
      Wish w = wishes.get(wishId);
      ServiceResult<WishStatus> bad = allowed(w, wishId, WishStatus.REQUESTED);
      if (bad != null) {
        return none(bad);
      }
      if (!w.claimedBy().equals(claimantId)) {
        return none(reject(ServiceCode.NOT_ALLOWED, "only " + w.claimedBy()
            + ", who claimed it, may give it up"));
      }
      return changed(ok(WishStatus.REQUESTED, "open again"), w.release());
    });
  }

  /**
   * The resident or a grid worker confirms the wish was fulfilled; the points offered go to the
   * claimant.
   *
   * @param wishId the wish
   * @param confirmedBy the resident or a grid worker
   * @return accepted as {@code FULFILLED} with the transfers that paid the claimant (none when no
   *     points were offered), or why not
   */
  public ServiceResult<WishStatus> fulfil(String wishId, String confirmedBy) {
    return step(wishes -> {
      Wish w = wishes.get(wishId);
      ServiceResult<WishStatus> bad = allowed(w, wishId, WishStatus.FULFILLED);
      if (bad != null) {
        return none(bad);
      }
      if (!confirmedBy.equals(w.requesterId()) && !gridWorkers.contains(confirmedBy)) {
        return none(reject(ServiceCode.NOT_ALLOWED, "fulfilment is confirmed by the"
            + " resident " + w.requesterId() + " or a grid worker, not " + confirmedBy));
      }
      List<Transfer> paidOut = new ArrayList<>();
      if (w.pointsOffered() > 0) {
        String escrowed = TransferRequest.derivedId(wishId, "escrowed");
        TransferResult posted = ledger.post(escrowed, holdId(wishId), w.pointsOffered());
        if (posted != TransferResult.OK && posted != TransferResult.EXISTS) {
          return none(new ServiceResult.Rejected<>(ServiceCode.LEDGER_REJECTED, "the offered"
              + " points could not be released: " + posted, List.of(posted)));
        }
        String paidId = TransferRequest.derivedId(wishId, "paid");
        TransferResult paid = ledger.submit(new TransferRequest(paidId, escrowId,
            TimeBank.pointsAccount(w.claimedBy()), w.pointsOffered(), "wish",
            "wish " + wishId, null, null));
        if (paid != TransferResult.OK && paid != TransferResult.EXISTS) {
          // The escrow post stays (its id is derived, so a retried fulfil does not post twice).
          return none(new ServiceResult.Rejected<>(ServiceCode.LEDGER_REJECTED, "the points are"
              + " in escrow but could not be paid to " + w.claimedBy() + ": " + paid
              + "; retry fulfil", List.of(paid)));
        }
        paidOut.add(ledger.find(escrowed).orElseThrow());
        paidOut.add(ledger.find(paidId).orElseThrow());
      }
      return changed(new ServiceResult.Accepted<>(WishStatus.FULFILLED, paidOut, "fulfilled by "
          + w.claimedBy() + (w.pointsOffered() > 0 ? ", " + w.pointsOffered() + " points paid"
              : "")), w.fulfil(clock.instant()));
    });
  }

  /**
   * Cancels a wish that is not closed; held points return to their source.
   *
   * @param wishId the wish
   * @param by the resident, the poster or a grid worker
   * @return accepted as {@code CANCELLED}, or why not
   */
  public ServiceResult<WishStatus> cancel(String wishId, String by) {
    return step(wishes -> {
      Wish w = wishes.get(wishId);
      ServiceResult<WishStatus> bad = allowed(w, wishId, WishStatus.CANCELLED);
      if (bad != null) {
        return none(bad);
      }
      if (!by.equals(w.requesterId()) && !by.equals(w.postedById())
          && !gridWorkers.contains(by)) {
        return none(reject(ServiceCode.NOT_ALLOWED, by + " may not cancel " + wishId));
      }
      returnPoints(w);
      return changed(ok(WishStatus.CANCELLED, "cancelled"), w.cancel(clock.instant()));
    });
  }

  /**
   * Expires every open (unclaimed) wish older than the board's lifetime; held points return.
   *
   * @return the wishes expired by this call
   */
  public List<Wish> expireDue() {
    return step(wishes -> {
      Instant now = clock.instant();
      List<Wish> out = new ArrayList<>();
      List<WishFact> facts = new ArrayList<>();
      for (Wish w : wishes.values()) {
        if (w.status() == WishStatus.REQUESTED && !now.isBefore(w.postedAt().plus(lifetime))) {
          returnPoints(w);
          Wish expired = w.expire(now);
          facts.add(new WishChanged(expired));
          out.add(expired);
        }
      }
      return new Decided<>(List.copyOf(out), facts);
    });
  }

  private void returnPoints(Wish w) {
    if (w.pointsOffered() > 0) {
      Optional<Hold> h = ledger.findHold(holdId(w.id()));
      if (h.isPresent() && h.get().state() == Hold.State.PENDING) {
        ledger.voidHold(holdId(w.id()));
      }
    }
  }

  /**
   * Returns a wish.
   *
   * @param wishId the wish
   * @return it, or empty
   */
  public Optional<Wish> wish(String wishId) {
    return stream.read(wishes -> Optional.ofNullable(wishes.get(wishId)));
  }

  /**
   * Returns every wish, in posting order.
   *
   * @return the wishes
   */
  public List<Wish> wishes() {
    return stream.read(wishes -> List.copyOf(wishes.values()));
  }

  /**
   * Returns the board's escrow account id.
   *
   * @return the escrow id
   */
  public String escrowId() {
    return escrowId;
  }

  private static ServiceResult<WishStatus> allowed(Wish w, String wishId, WishStatus target) {
    if (w == null) {
      return reject(ServiceCode.NOT_FOUND, "no wish " + wishId);
    }
    if (!w.status().canMoveTo(target)) {
      return reject(ServiceCode.ILLEGAL_TRANSITION, "wish " + wishId + " is "
          + w.status() + " and cannot become " + target + "; allowed next: "
          + w.status().next());
    }
    return null;
  }
}
