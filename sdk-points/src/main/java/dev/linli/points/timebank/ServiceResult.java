package dev.linli.points.timebank;

import dev.linli.points.Transfer;
import dev.linli.points.TransferResult;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of every step of the points services ({@link TimeBank}, {@link Catalogue},
 * {@link Alliance}, and {@code Volunteering} and {@code WishBoard} in
 * {@code dev.linli.points.volunteering}): accepted with the typed state it led to and the ledger
 * transfers it made, or rejected with a stable {@link ServiceCode} and a message a person can act
 * on. A rejected step changes nothing. Immutable and thread-safe.
 *
 * <p>A retry of an identical request is accepted again with the transfers the first request made,
 * and {@link Accepted#retry()} says so; nothing is applied twice.
 *
 * <pre>{@code
 * ServiceResult<PaymentState> r =
 *     shop.redeem(RedemptionRequest.of("meal-0001", "v-jf-001", "lunch"));
 * if (r instanceof ServiceResult.Rejected<PaymentState> no) {
 *   tell(no.code(), no.message());
 * }
 * }</pre>
 *
 * @param <S> the kind of state an accepted step reports: {@link AwardState}, {@link PaymentState},
 *     or in volunteering {@code AttendanceState}, {@code ActivityState} or {@code WishStatus}
 * @since 0.1.0
 */
public sealed interface ServiceResult<S extends Enum<S>> {
  /**
   * Returns whether the step was applied (or had been, for an identical retry).
   *
   * @return true if accepted
   */
  default boolean accepted() {
    return this instanceof Accepted<?>;
  }

  /**
   * Returns what happened, or what was wrong and what is allowed, in English.
   *
   * @return the message, not null
   */
  String message();

  /**
   * Applied.
   *
   * @param state the state the step led to
   * @param transfers the ledger transfers the step made, in order (for a retry: the ones the first
   *     request made); empty for a step that moves no points, or that only places holds
   * @param message what happened, in English
   * @param retry true if an identical earlier request had already done this, so nothing changed now
   * @param <S> the kind of state
   */
  record Accepted<S extends Enum<S>>(S state, List<Transfer> transfers, String message,
      boolean retry) implements ServiceResult<S> {
    /**
     * Checks the fields and copies the list.
     *
     * @throws NullPointerException if a field is null
     */
    public Accepted {
      Objects.requireNonNull(state, "state");
      transfers = List.copyOf(transfers);
      Objects.requireNonNull(message, "message");
    }

    /**
     * Returns a first (not retried) acceptance.
     *
     * @param state the state the step led to
     * @param transfers the transfers it made
     * @param message what happened
     */
    public Accepted(S state, List<Transfer> transfers, String message) {
      this(state, transfers, message, false);
    }
  }

  /**
   * Not applied; nothing changed.
   *
   * @param code why, as a stable code
   * @param message what was wrong and what is allowed, in English
   * @param ledgerResults the ledger's result codes when the ledger refused
   *     ({@link ServiceCode#LEDGER_REJECTED}), else empty
   * @param <S> the kind of state the step would have reported
   */
  record Rejected<S extends Enum<S>>(ServiceCode code, String message,
      List<TransferResult> ledgerResults) implements ServiceResult<S> {
    /**
     * Checks the fields and copies the list.
     *
     * @throws NullPointerException if a field is null
     */
    public Rejected {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
      ledgerResults = List.copyOf(ledgerResults);
    }

    /**
     * Returns a rejection that did not reach the ledger.
     *
     * @param code why
     * @param message what was wrong and what is allowed
     */
    public Rejected(ServiceCode code, String message) {
      this(code, message, List.of());
    }
  }
}
