package dev.linli.scheduling.bench;

import dev.linli.core.Name;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.course.ClassOffering;
import dev.linli.scheduling.course.Course;
import dev.linli.scheduling.course.Enrolment;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.rule.DurationLimits;
import dev.linli.scheduling.rule.NoticeWindow;
import dev.linli.scheduling.rule.OpeningHoursRule;
import dev.linli.scheduling.rule.Quota;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Enrolling a resident in a 12-session class (湘湖's Saturday dance course) on a ground that already
 * holds 10,000 bookings, then dropping them out again so every call does the same work: the class's
 * all-or-nothing enrolment (one engine transaction: the class's places counted under the lock, 12
 * sessions decided with every rule, the drop-out cancelling all 12), beside the fair baseline of
 * booking the 12 sessions one by one with {@code decide} and cancelling them one by one (12 + 12
 * transactions, no atomicity, no class places). Rules on the ground: notice window, durations, a
 * household quota per week, holiday-aware opening hours.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClassEnrolmentBenchmark {
  BookingEngine engine;
  Course course;
  List<LocalDateTime> sessions;
  long next;

  @Setup(Level.Trial)
  public void setUp() {
    Instant base = LocalDateTime.parse("2026-01-01T00:00").atZone(BookingBenchmark.SH).toInstant();
    Resource ground = Resource.exclusive("xh-ground", Name.of("湘湖运动场", "Xianghu ground"))
        .withCapacity(30);
    RuleSet rules = new RuleSet(List.of(
        new NoticeWindow(Duration.ZERO, Duration.ofDays(400), null, null),
        new DurationLimits(Duration.ofMinutes(30), Duration.ofHours(2)),
        new Quota(Quota.Scope.HOUSEHOLD, Quota.Period.WEEK, 3, null),
        new OpeningHoursRule("Mo-Su 06:00-22:00", "Mo-Su 09:00-17:00", DayOfWeek.MONDAY, false)));
    Clock clock = Clock.fixed(base, BookingBenchmark.SH);
    engine = BookingEngine.builder(clock).resources(List.of(ground))
        .rules(Map.of("xh-ground", rules)).build();
    int made = 0;
    for (int day = 1; made < 10_000; day++) {
      for (int hour = 9; hour < 16 && made < 10_000; hour++) {
        Instant start = base.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour));
        for (int k = 0; k < 4 && made < 10_000; k++) {
          Decision d = engine.decide(new BookingRequest("b" + made, "xh-ground", "r" + made,
              "h" + made, start, start.plus(Duration.ofHours(1)), 1));
          if (!(d instanceof Decision.Accepted)) {
            break;
          }
          made++;
        }
      }
    }
    sessions = new ArrayList<>();
    LocalDateTime first = LocalDateTime.parse("2026-03-07T10:00"); // a Saturday
    for (int i = 0; i < 12; i++) {
      sessions.add(first.plusWeeks(i));
    }
    course = Course.of(engine, clock, new ClassOffering("xh-jazz", Name.of("爵士舞", "Jazz"),
        "t-zhou", "xh-ground", 20, 1, Duration.ofMinutes(90), sessions));
  }

  @Benchmark
  public Enrolment enrolAndDrop12() {
    String who = "c" + next++;
    Enrolment e = course.enrol(who, "hc" + who);
    if (!(e instanceof Enrolment.Enrolled)) {
      throw new IllegalStateException(e.toString());
    }
    course.drop(who, who);
    return e;
  }

  @Benchmark
  public int oneByOne12() {
    String who = "o" + next++;
    int ok = 0;
    for (int i = 0; i < sessions.size(); i++) {
      Instant start = sessions.get(i).atZone(BookingBenchmark.SH).toInstant();
      ok += engine.decide(new BookingRequest(who + ":" + i, "xh-ground", who, "h" + who, start,
          start.plus(Duration.ofMinutes(90)), 1)) instanceof Decision.Accepted ? 1 : 0;
    }
    if (ok != sessions.size()) {
      throw new IllegalStateException(ok + " of 12");
    }
    for (int i = 0; i < sessions.size(); i++) {
      engine.cancel(who + ":" + i);
    }
    return ok;
  }
}
