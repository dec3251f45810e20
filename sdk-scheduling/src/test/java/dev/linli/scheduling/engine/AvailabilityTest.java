package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Availability;
import dev.linli.scheduling.booking.AvailabilityQuery;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Availability's edges: bad queries, unknown targets, and grids across daylight-saving changes. */
class AvailabilityTest {
  private static final LocalDateTime DAY = LocalDateTime.parse("2026-12-05T00:00");

  @Test
  void unknownTarget_refusedNamingTheResourcesAndGroups() {
    BookingEngine e = BookingEngine.builder(MutableClock.at("2026-12-01T00:00:00Z"))
        .resources(List.of(Resource.exclusive("room-1", Name.of("议事室1", "Room 1")),
            Resource.exclusive("room-2", Name.of("议事室2", "Room 2"))))
        .group("rooms", List.of("room-1", "room-2")).build();
    InvalidValueException x = assertThrows(InvalidValueException.class, () -> e.availability(
        AvailabilityQuery.of("pool", DAY, DAY.plusDays(1), Duration.ofHours(1))));
    assertEquals("target = pool: must be a resource [room-1, room-2] or a group [rooms] of the"
        + " engine", x.getMessage());
    assertEquals(2 * 47, e.availability(AvailabilityQuery.of("rooms", DAY, DAY.plusDays(1),
        Duration.ofHours(1))).slots().size(), "both rooms, every start");
  }

  @Test
  void badQueries_nameTheFieldAndWhatIsAllowed() {
    assertEquals("to = 2026-12-04T00:00: must be after from 2026-12-05T00:00",
        assertThrows(InvalidValueException.class, () -> AvailabilityQuery.of("gym", DAY,
            DAY.minusDays(1), Duration.ofHours(1))).getMessage());
    assertEquals("to = 2027-01-06T00:00: must be at most 31 days after from 2026-12-05T00:00;"
        + " ask for a long period month by month", assertThrows(InvalidValueException.class,
            () -> AvailabilityQuery.of("gym", DAY, DAY.plusDays(32), Duration.ofHours(1)))
            .getMessage());
    assertEquals("duration = PT0S: must be a positive duration, such as PT1H",
        assertThrows(InvalidValueException.class, () -> AvailabilityQuery.of("gym", DAY,
            DAY.plusDays(1), Duration.ZERO)).getMessage());
    assertEquals("seats = 0: must be >= 1", assertThrows(InvalidValueException.class,
        () -> AvailabilityQuery.of("gym", DAY, DAY.plusDays(1), Duration.ofHours(1))
            .withSeats(0)).getMessage());
    assertEquals("householdId = null: resident and household go together: give both or neither",
        assertThrows(InvalidValueException.class, () -> new AvailabilityQuery("gym", DAY,
            DAY.plusDays(1), Duration.ofHours(1), 1, "r-1", null)).getMessage());
  }

  @Test
  void springForward_theGapHasNoStarts_andEveryStartAgreesWithExplain() {
    // New York, 2026-03-08: clocks jump from 02:00 to 03:00.
    assertGridAgrees("2026-03-08T00:00", "2026-03-08T05:00", List.of("00:00", "00:30",
        "01:00", "01:30", "03:00", "03:30", "04:00", "04:30"));
  }

  @Test
  void fallBack_theRepeatedHourHasTwoStartsEach_andEveryStartAgreesWithExplain() {
    // New York, 2026-11-01: clocks go back from 02:00 to 01:00, so 01:00 and 01:30 happen twice.
    assertGridAgrees("2026-11-01T00:00", "2026-11-01T05:00", List.of("00:00", "00:30",
        "01:00", "01:30", "01:00", "01:30", "02:00", "02:30", "03:00", "03:30", "04:00",
        "04:30"));
  }

  private static void assertGridAgrees(String from, String to, List<String> expected) {
    ZoneId ny = ZoneId.of("America/New_York");
    Resource hall = new Resource("hall", Name.of("礼堂", "Hall"), 2, ny, Duration.ofMinutes(30),
        Duration.ZERO, Duration.ZERO, List.of());
    BookingEngine e = BookingEngine.builder(MutableClock.at("2026-03-01T00:00:00Z"))
        .resources(List.of(hall)).build();
    AvailabilityQuery q = AvailabilityQuery.of("hall", LocalDateTime.parse(from),
        LocalDateTime.parse(to), Duration.ofMinutes(30));
    Availability a = e.availability(q);
    assertEquals(0, a.refused().size(), "nothing refuses a start here");
    List<String> listed = new ArrayList<>();
    for (Availability.Slot s : a.slots()) {
      listed.add(s.start().toLocalTime().toString());
      assertEquals(ny, s.start().getZone());
    }
    assertEquals(expected, listed);
    // Every on-grid instant of the period, found minute by minute, is listed and accepted.
    Instant end = LocalDateTime.parse(to).atZone(ny).toInstant();
    List<Instant> grid = new ArrayList<>();
    for (Instant t = LocalDateTime.parse(from).atZone(ny).toInstant();
        !t.plus(q.duration()).isAfter(end); t = t.plusSeconds(60)) {
      LocalTime local = t.atZone(ny).toLocalTime();
      if (local.getMinute() % 30 == 0) {
        grid.add(t);
        assertEquals(Decision.Accepted.class, e.explain(q.request("x", "hall", t)).getClass());
      }
    }
    assertEquals(grid, a.slots().stream().map(s -> s.start().toInstant()).toList());
  }
}
