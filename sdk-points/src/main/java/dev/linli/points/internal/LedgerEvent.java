package dev.linli.points.internal;

import dev.linli.points.Account;
import dev.linli.points.Hold;
import dev.linli.points.Transfer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One state change of a {@link dev.linli.points.Ledger}, as emitted under the ledger's lock to a
 * journal and applied again on replay. Replaying the events of a ledger, in order, into a ledger
 * built with the same configuration gives the same state without consulting any clock: every
 * instant the change depended on is carried by the event. Not exported.
 */
public sealed interface LedgerEvent {

  /** An account was created (expiry sinks are created by the ledger's configuration instead). */
  record AccountCreated(Account account) implements LedgerEvent {
    /** Checks the field. */
    public AccountCreated {
      Objects.requireNonNull(account, "account");
    }
  }

  /** An account was frozen, unfrozen or closed: its flags are now these. */
  record FlagsChanged(String accountId, boolean frozen, boolean closed) implements LedgerEvent {
    /** Checks the field. */
    public FlagsChanged {
      Objects.requireNonNull(accountId, "accountId");
    }
  }

  /** Every pending hold whose expiry is at or before {@code now} expired. */
  record HoldsExpired(Instant now) implements LedgerEvent {
    /** Checks the field. */
    public HoldsExpired {
      Objects.requireNonNull(now, "now");
    }
  }

  /**
   * Transfers applied together (one submit, or the new transfers of a linked batch). A
   * {@link TransferRun} is kept as it is (it never changes, and copying it would build every
   * record the journal is about to encode from the columns); any other list is copied.
   */
  record TransfersApplied(Instant stamp, List<Transfer> transfers) implements LedgerEvent {
    /** Checks and copies the fields. */
    public TransfersApplied {
      Objects.requireNonNull(stamp, "stamp");
      transfers = transfers instanceof TransferRun ? transfers : List.copyOf(transfers);
    }
  }

  /** A hold was placed; it carries its own timestamps. */
  record HoldPlaced(Hold hold) implements LedgerEvent {
    /** Checks the field. */
    public HoldPlaced {
      Objects.requireNonNull(hold, "hold");
    }
  }

  /** A hold was posted by {@code transfer}. */
  record HoldPosted(String holdId, Transfer transfer) implements LedgerEvent {
    /** Checks the fields. */
    public HoldPosted {
      Objects.requireNonNull(holdId, "holdId");
      Objects.requireNonNull(transfer, "transfer");
    }
  }

  /** A hold was voided. */
  record HoldVoided(String holdId) implements LedgerEvent {
    /** Checks the field. */
    public HoldVoided {
      Objects.requireNonNull(holdId, "holdId");
    }
  }

  /**
   * One lot-expiry sweep ({@code Ledger.expireLots}): every lot it expired, in order, as one
   * change, so that a crash never leaves a sweep part-done.
   */
  record LotsExpired(List<LotExpired> lots) implements LedgerEvent {
    /** Checks and copies the field. */
    public LotsExpired {
      lots = List.copyOf(lots);
      if (lots.isEmpty()) {
        throw new IllegalArgumentException("a sweep record expires at least one lot");
      }
    }
  }

  /**
   * What was left of the lot started by {@code lotSource} expired by {@code transfer}; as written
   * by journals from before sweeps were one record, and inside {@link LotsExpired}.
   */
  record LotExpired(String lotSource, Transfer transfer) implements LedgerEvent {
    /** Checks the fields. */
    public LotExpired {
      Objects.requireNonNull(lotSource, "lotSource");
      Objects.requireNonNull(transfer, "transfer");
    }
  }
}
