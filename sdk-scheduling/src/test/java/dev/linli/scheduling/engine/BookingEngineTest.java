package dev.linli.scheduling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.testing.MutableClock;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BookingEngineTest {
  private static final ZoneId SH = Resource.SHANGHAI;
  private final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(SH).toInstant();
  }

  private static BookingRequest request(String id, String resource, String from, String to,
      int seats) {
    return new BookingRequest(id, resource, "r-" + id, "h-" + id, at(from), at(to), seats);
  }

  private BookingEngine centre() {
    Resource court = Resource.exclusive("court", Name.of("篮球场", "Court"))
        .withParts(List.of("half-a", "half-b"));
    Resource halfA = Resource.exclusive("half-a", Name.of("半场A", "Half court A"));
    Resource halfB = Resource.exclusive("half-b", Name.of("半场B", "Half court B"));
    Resource gym = Resource.exclusive("gym", Name.of("百姓健身房", "Gym")).withCapacity(3);
    Resource stage = Resource.exclusive("stage", Name.of("舞台", "Stage"))
        .withBuffers(Duration.ofMinutes(30), Duration.ofMinutes(30));
    return BookingEngine.create(clock, List.of(court, halfA, halfB, gym, stage));
  }

  @Test
  void abuttingBookings_doNotConflict_overlappingOnesDo() {
    BookingEngine e = centre();
    assertInstanceOf(Decision.Accepted.class,
        e.decide(request("b1", "half-a", "2026-12-05T09:00", "2026-12-05T10:00", 1)));
    assertInstanceOf(Decision.Accepted.class,
        e.decide(request("b2", "half-a", "2026-12-05T10:00", "2026-12-05T11:00", 1)));
    Decision d = e.decide(request("b3", "half-a", "2026-12-05T09:30", "2026-12-05T10:30", 1));
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class, d);
    assertEquals("conflict", r.reasons().get(0).code().code());
    assertEquals("half-a has 1 seat; 1 already taken at the busiest moment of 2026-12-05 09:30-"
        + "2026-12-05 10:30 (for example by booking b1)", r.reasons().get(0).message());
    assertEquals(at("2026-12-05T11:00"), r.alternatives().get(0).start(), "next free hour");
  }

  @Test
  void wholeAndParts_conflictBothWays_partsDoNot() {
    BookingEngine e = centre();
    assertInstanceOf(Decision.Accepted.class,
        e.decide(request("a", "half-a", "2026-12-05T09:00", "2026-12-05T10:00", 1)));
    assertInstanceOf(Decision.Accepted.class,
        e.decide(request("b", "half-b", "2026-12-05T09:00", "2026-12-05T10:00", 1)));
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class,
        e.decide(request("c", "court", "2026-12-05T09:30", "2026-12-05T11:00", 1)));
    assertTrue(r.reasons().get(0).message().contains("overlaps booking a of half-a"),
        r.reasons().get(0).message());
    assertInstanceOf(Decision.Accepted.class,
        e.decide(request("d", "court", "2026-12-05T10:00", "2026-12-05T11:00", 1)));
    assertInstanceOf(Decision.Rejected.class,
        e.decide(request("e", "half-b", "2026-12-05T10:30", "2026-12-05T11:30", 1)));
  }

  @Test
  void explain_answersWithoutBooking() {
    BookingEngine e = centre();
    BookingRequest r = request("x", "half-a", "2026-12-05T09:00", "2026-12-05T10:00", 1);
    assertInstanceOf(Decision.Accepted.class, e.explain(r));
    assertEquals(List.of(), e.bookings("half-a"), "explain stores nothing");
    e.decide(r);
    Decision.Rejected why = assertInstanceOf(Decision.Rejected.class,
        e.explain(request("y", "court", "2026-12-05T09:00", "2026-12-05T10:00", 1)));
    assertEquals("conflict", why.reasons().get(0).code().code());
  }

  @Test
  void seats_fillUpToCapacity() {
    BookingEngine e = centre();
    for (int i = 0; i < 3; i++) {
      assertInstanceOf(Decision.Accepted.class,
          e.decide(request("g" + i, "gym", "2026-12-05T18:00", "2026-12-05T19:00", 1)));
    }
    assertInstanceOf(Decision.Rejected.class,
        e.decide(request("g3", "gym", "2026-12-05T18:30", "2026-12-05T19:30", 1)));
    assertTrue(e.cancel("g1"));
    assertFalse(e.cancel("g1"));
    assertInstanceOf(Decision.Accepted.class,
        e.decide(request("g3", "gym", "2026-12-05T18:30", "2026-12-05T19:30", 1)));
  }

  @Test
  void buffers_blockButAbutAfterThem() {
    BookingEngine e = centre();
    e.decide(request("s1", "stage", "2026-12-05T14:00", "2026-12-05T16:00", 1));
    assertInstanceOf(Decision.Rejected.class,
        e.decide(request("s2", "stage", "2026-12-05T16:00", "2026-12-05T17:00", 1)),
        "30 min cleaning after, 30 min set-up before");
    assertInstanceOf(Decision.Accepted.class,
        e.decide(request("s3", "stage", "2026-12-05T17:00", "2026-12-05T18:00", 1)));
  }

  @Test
  void everyReason_isListed_andRetriesAreSafe() {
    BookingEngine e = centre();
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class,
        e.decide(request("x", "gym", "2026-12-05T18:10", "2026-12-05T19:00", 4)));
    assertEquals(List.of("too-many-seats", "off-grid"),
        r.reasons().stream().map(x -> x.code().code()).toList());
    assertEquals("start and end must fall on the 30-minute grid of gym in Asia/Shanghai (asked "
        + "2026-12-05 18:10-2026-12-05 19:00)", r.reasons().get(1).message());
    BookingRequest ok = request("y", "gym", "2026-12-05T18:00", "2026-12-05T19:00", 1);
    Decision first = e.decide(ok);
    assertEquals(first, e.decide(ok), "a retry returns the same acceptance");
    assertEquals("id-reused", ((Decision.Rejected) e.decide(request("y", "gym",
        "2026-12-05T20:00", "2026-12-05T21:00", 1))).reasons().get(0).code().code());
    assertEquals("unknown-resource", ((Decision.Rejected) e.decide(request("z", "pool",
        "2026-12-05T20:00", "2026-12-05T21:00", 1))).reasons().get(0).code().code());
  }

  @Test
  void midnightCrossing_andDaylightSaving_useTheResourcesZone() {
    ZoneId london = ZoneId.of("Europe/London");
    Resource hall = new Resource("hall", Name.of("", "Hall"), 1, london, Duration.ofMinutes(30),
        Duration.ZERO, Duration.ZERO, List.of());
    BookingEngine e = BookingEngine.create(clock, List.of(hall));
    // 2027-03-28 01:00 GMT jumps to 02:00 BST: 00:30-02:30 local is one hour of real time.
    Instant start = LocalDateTime.parse("2027-03-28T00:30").atZone(london).toInstant();
    Instant end = LocalDateTime.parse("2027-03-28T02:30").atZone(london).toInstant();
    assertEquals(Duration.ofHours(1), Duration.between(start, end));
    assertInstanceOf(Decision.Accepted.class,
        e.decide(new BookingRequest("n", "hall", "r", "h", start, end, 1)));
    Instant late = LocalDateTime.parse("2027-03-27T23:00").atZone(london).toInstant();
    assertInstanceOf(Decision.Accepted.class, e.decide(new BookingRequest("m", "hall", "r", "h",
        late, start, 1)), "a booking across midnight abuts the next one");
  }

  @Test
  void badConfiguration_rejected() {
    Resource whole = Resource.exclusive("whole", Name.of("", "w")).withParts(List.of("missing"));
    assertEquals("whole.parts = missing: must be the id of another resource given to the engine",
        assertThrows(InvalidValueException.class,
            () -> BookingEngine.create(clock, List.of(whole))).getMessage());
    assertEquals("slot = PT7M: must be whole minutes that divide a day, such as PT30M",
        assertThrows(InvalidValueException.class, () -> Resource.exclusive("x", Name.of("", "x"))
            .withSlot(Duration.ofMinutes(7))).getMessage());
  }

  @Test
  void lastSeat_goesToExactlyOneOfManyConcurrentRequests() throws Exception {
    BookingEngine e = centre();
    e.decide(request("g0", "gym", "2026-12-05T18:00", "2026-12-05T19:00", 1));
    e.decide(request("g1", "gym", "2026-12-05T18:00", "2026-12-05T19:00", 1));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Decision>> futures = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      String id = "race" + t;
      futures.add(pool.submit(() -> {
        go.await();
        return e.decide(request(id, "gym", "2026-12-05T18:30", "2026-12-05T19:30", 1));
      }));
    }
    go.countDown();
    int accepted = 0;
    for (java.util.concurrent.Future<Decision> f : futures) {
      accepted += f.get() instanceof Decision.Accepted ? 1 : 0;
    }
    pool.shutdown();
    assertEquals(1, accepted);
  }

  /** Random requests and cancellations never overbook any resource or any whole/part pair. */
  @Property(tries = 200)
  void neverOverbooked(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int requests) {
    SplittableRandom random = new SplittableRandom(seed);
    BookingEngine e = centre();
    List<String> ids = List.of("court", "half-a", "half-b", "gym", "stage");
    Map<String, Resource> res = Map.of("court", Resource.exclusive("court", Name.of("", "c")),
        "half-a", Resource.exclusive("half-a", Name.of("", "a")),
        "half-b", Resource.exclusive("half-b", Name.of("", "b")),
        "gym", Resource.exclusive("gym", Name.of("", "g")).withCapacity(3),
        "stage", Resource.exclusive("stage", Name.of("", "s"))
            .withBuffers(Duration.ofMinutes(30), Duration.ofMinutes(30)));
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      if (!accepted.isEmpty() && random.nextInt(6) == 0) {
        e.cancel(accepted.remove(random.nextInt(accepted.size())));
        continue;
      }
      Instant start = at("2026-12-05T08:00").plus(Duration.ofMinutes(30L * random.nextInt(20)));
      Instant end = start.plus(Duration.ofMinutes(30L * (1 + random.nextInt(6))));
      String resource = ids.get(random.nextInt(ids.size()));
      Decision d = e.decide(new BookingRequest("q" + i, resource, "r", "h", start, end,
          1 + random.nextInt(2)));
      if (d instanceof Decision.Accepted) {
        accepted.add("q" + i);
      }
    }
    for (String id : ids) {
      assertTrue(peak(e.bookings(id), res.get(id)) <= res.get(id).capacity(), id);
    }
    for (String part : List.of("half-a", "half-b")) {
      for (Booking whole : e.bookings("court")) {
        for (Booking p : e.bookings(part)) {
          assertFalse(p.request().start().isBefore(whole.request().end())
              && whole.request().start().isBefore(p.request().end()), "court and " + part);
        }
      }
    }
  }

  /** Most seats in use at once, buffers included; shared with {@link BookingEngineProperties}. */
  static int peak(List<Booking> bookings, Resource r) {
    TreeMap<Instant, Integer> delta = new TreeMap<>();
    for (Booking b : bookings) {
      delta.merge(b.request().start().minus(r.bufferBefore()), b.request().seats(), Integer::sum);
      delta.merge(b.request().end().plus(r.bufferAfter()), -b.request().seats(), Integer::sum);
    }
    int current = 0;
    int peak = 0;
    for (int d : delta.values()) {
      current += d;
      peak = Math.max(peak, current);
    }
    return peak;
  }

  @Test
  void aStartInThePast_isRefusedByDefault_andAllowedOnlyWithTheFlag() {
    Resource court = Resource.exclusive("court", Name.of("球场", "Court"));
    BookingEngine e = BookingEngine.create(clock, List.of(court));
    BookingRequest yesterday = request("y", "court", "2026-11-30T20:00", "2026-11-30T21:00", 1);
    Decision.Rejected r = assertInstanceOf(Decision.Rejected.class, e.decide(yesterday));
    assertEquals("in-the-past", r.reasons().get(0).code().code());
    assertTrue(r.reasons().get(0).message().contains("before now (2026-12-01 08:00"),
        r.reasons().get(0).message());
    BookingRequest yearOne = new BookingRequest("z", "court", "r", "h",
        Instant.parse("0001-01-01T00:00:00Z"), Instant.parse("0001-01-01T01:00:00Z"), 1);
    assertInstanceOf(Decision.Rejected.class, e.decide(yearOne));
    assertTrue(e.bookings("court").isEmpty());
    BookingEngine staff = BookingEngine.builder(clock).resources(List.of(court))
        .allowPastStarts(true).build();
    assertInstanceOf(Decision.Accepted.class, staff.decide(yesterday));
  }

  @Test
  void aLocalTimeInADaylightSavingGap_isRefusedNotMoved() {
    ZoneId london = ZoneId.of("Europe/London");
    InvalidValueException gap = assertThrows(InvalidValueException.class,
        () -> BookingRequest.instantOf(LocalDateTime.parse("2027-03-28T01:30"), london, "start"));
    assertEquals("start", gap.field());
    assertTrue(gap.getMessage().contains("clocks jump from 01:00 to 02:00 on 2027-03-28"),
        gap.getMessage());
    assertEquals(Instant.parse("2027-03-28T01:00:00Z"),
        BookingRequest.instantOf(LocalDateTime.parse("2027-03-28T02:00"), london, "start"));
    assertEquals(Instant.parse("2027-10-31T00:30:00Z"),
        BookingRequest.instantOf(LocalDateTime.parse("2027-10-31T01:30"), london, "start"),
        "a time that exists twice takes the earlier offset");
  }
}
