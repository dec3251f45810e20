package dev.linli.scheduling.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.linli.core.testing.TestPostgres;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.engine.BookingSchema;
import dev.linli.scheduling.engine.Pools;
import dev.linli.scheduling.engine.PostgresBookingStore;
import java.util.List;
import javax.sql.DataSource;
import net.jqwik.api.PropertyDefaults;
import org.junit.jupiter.api.Test;

/**
 * The class contract on an engine over PostgreSQL, with the waitlist in
 * {@code linli_class_waitlist}; fewer random tries than in memory.
 */
@PropertyDefaults(tries = 8)
class PostgresCourseTest extends CourseContract {
  private static final TestPostgres DB = TestPostgres.newDatabase();
  private static final DataSource POOL;

  static {
    BookingSchema.install(DB.dataSource());
    POOL = Pools.of(DB.dataSource(), 4);
  }

  @Override
  BookingEngine.Builder emptyStore(BookingEngine.Builder builder) {
    DB.execute("TRUNCATE linli_booking, linli_booking_history, linli_no_show, linli_blackout,"
        + " linli_rule_set, linli_booking_outbox, linli_class_waitlist");
    return builder.store(PostgresBookingStore.of(POOL));
  }

  @Test
  void restart_anotherInstanceSeesTheQueue_andADropOutThereEnrolsTheNext() {
    BookingEngine first = engine(30);
    Course c1 = Course.of(first, clock, jazz(1, 3));
    c1.enrol("r-a", "h-a");
    c1.enrol("r-b", "h-b");
    c1.enrol("r-c", "h-c");
    BookingEngine second = BookingEngine.builder(clock).resources(first.resources())
        .store(PostgresBookingStore.of(POOL)).build();
    Course c2 = Course.of(second, clock, jazz(1, 3));
    assertEquals(List.of("r-b", "r-c"), c2.waiting().stream().map(Course.Waiting::residentId)
        .toList());
    assertEquals(List.of("r-b"), List.copyOf(c2.drop("r-a", "staff-1").enrolledFromWaitlist()
        .keySet()));
    assertEquals(List.of("r-b"), c1.roster());
    assertInstanceOf(Enrolment.Waitlisted.class, c1.enrol("r-d", "h-d"));
    assertEquals(List.of("ENROLLED|r-b", "WAITING|r-c", "WAITING|r-d"),
        DB.firstColumn("SELECT state || '|' || resident_id FROM linli_class_waitlist ORDER BY 1"));
  }
}
