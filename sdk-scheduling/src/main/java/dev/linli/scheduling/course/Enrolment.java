package dev.linli.scheduling.course;

import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.Reason;
import java.util.List;

/**
 * The answer to an enrolment in a class: enrolled in every remaining session, put on the class's
 * waitlist, or refused with the engine's reasons (nothing booked). Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public sealed interface Enrolment {
  /**
   * Enrolled: one booking per session that had not started, all kept together.
   *
   * @param sessions the bookings, in session order
   */
  record Enrolled(List<Booking> sessions) implements Enrolment {
    /** Copies the list. */
    public Enrolled {
      sessions = List.copyOf(sessions);
    }
  }

  /**
   * Every place is taken; the resident waits for one.
   *
   * @param position their place in the class's queue, 1 for next
   * @param reasons why they were not enrolled now ({@code class-full}, in English and Chinese)
   */
  record Waitlisted(int position, List<Reason> reasons) implements Enrolment {
    /** Copies the list. */
    public Waitlisted {
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * Refused; no session was booked.
   *
   * @param reasons every reason, at least one
   */
  record Refused(List<Reason> reasons) implements Enrolment {
    /** Copies the list. */
    public Refused {
      reasons = List.copyOf(reasons);
    }
  }
}
