package dev.linli.examples.cli;

import dev.linli.points.timebank.PaymentState;
import dev.linli.points.timebank.ServiceResult;
import dev.linli.points.timebank.GiftRequest;
import dev.linli.points.timebank.RedemptionRequest;
import dev.linli.points.volunteering.Participant;
import dev.linli.core.Name;
import dev.linli.core.people.Activity;
import dev.linli.core.place.AgeBand;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.timebank.Catalogue;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.HouseholdDirectory;
import dev.linli.points.timebank.MemberLimits;
import dev.linli.points.timebank.TimeBank;
import dev.linli.points.volunteering.ActivityPlan;
import dev.linli.points.volunteering.Attendance;
import dev.linli.points.volunteering.Eligibility;
import dev.linli.points.volunteering.Role;
import dev.linli.points.volunteering.VolunteerProfile;
import dev.linli.points.volunteering.Volunteering;
import dev.linli.points.volunteering.WishBoard;
import dev.linli.points.volunteering.WishRequest;
import dev.linli.scheduling.banquet.BanquetHall;
import dev.linli.scheduling.banquet.BanquetTerms;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.course.ClassOffering;
import dev.linli.scheduling.course.Course;
import dev.linli.scheduling.course.Enrolment;
import dev.linli.scheduling.engine.BookingConfig;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.rule.RuleSet;
import dev.linli.scheduling.series.BookingSeries;
import dev.linli.scheduling.series.Recurrence;
import dev.linli.scheduling.series.RecurrenceRule;
import dev.linli.scheduling.series.SeriesDecision;
import dev.linli.scheduling.series.SeriesRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The bookings and volunteering parts of the demo day, on a fixed clock so output is stable. */
final class DemoDay {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** 06:00 on Saturday 2026-02-14 in Hangzhou. */
  private static final Instant NOW = LocalDateTime.parse("2026-02-14T06:00").atZone(SHANGHAI)
      .toInstant();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm",
      Locale.ROOT);

  private final Narration out;
  private final Clock clock = Clock.fixed(NOW, SHANGHAI);

  DemoDay(Narration out) {
    this.out = out;
  }

  void bookings() throws IOException {
    RuleSet rules;
    try (InputStream in = resource("jingfang-centre-rules.json")) {
      rules = RuleSet.parse(in, "jingfang-centre-rules.json");
    }
    Resource gym = Resource.exclusive("jf-gym", Name.of("百姓健身房", "Public gym")).withCapacity(30);
    Resource stage = Resource.exclusive("jf-stage", Name.of("舞台", "Stage"))
        .withBuffers(Duration.ofMinutes(30), Duration.ofMinutes(30));
    BookingEngine engine = BookingEngine.create(clock, List.of(gym, stage),
        Map.of("jf-gym", rules, "jf-stage", rules), HolidayCalendar.bundled());
    out.println("Bookings at the 景芳 centre (rules: released 5 days ahead at 00:00, 30 min to 2 h, "
        + "3 per household a week, holiday hours 10:00-16:00, make-up workdays keep Monday hours)");
    TextTable table = new TextTable("who", "asks for", "when", "decision", "why / alternatives");
    book(engine, table, "bk-1", "小陈", "jf-gym", "hh-jx3-201", "2026-02-14T07:00",
        "2026-02-14T08:00", "gym at 07:00 (make-up Saturday: Monday hours)");
    book(engine, table, "bk-2", "王阿姨", "jf-stage", "hh-jn12-301", "2026-02-14T14:00",
        "2026-02-14T16:00", "stage for the dance team");
    book(engine, table, "bk-3", "老李", "jf-stage", "hh-jn12-602", "2026-02-14T16:00",
        "2026-02-14T17:00", "stage right after (30 min cleaning)");
    book(engine, table, "bk-4", "陈妈妈", "jf-gym", "hh-jx3-201", "2026-02-17T08:00",
        "2026-02-17T09:00", "gym on 春节 (Tuesday)");
    book(engine, table, "bk-5", "周奶奶", "jf-gym", "hh-jx3-502", "2026-02-20T10:00",
        "2026-02-20T11:00", "gym on 02-20, not yet released");
    out.table("bookings", table);
    SeriesRequest dance = new SeriesRequest("dance-jf", "jf-stage", "r-jf-wang", "hh-jn12-301",
        "jf-dance-team", 1, Recurrence.of(RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU;COUNT=4"),
            LocalDateTime.parse("2026-02-17T19:00"), SHANGHAI), Duration.ofMinutes(90),
        SeriesRequest.Policy.ALL_OR_NOTHING, true, false, NOW.plus(Duration.ofDays(60)));
    // Team seasons are booked by staff under the stage's season rules: opening hours only.
    BookingEngine season = BookingEngine.create(clock, List.of(stage), Map.of("jf-stage",
        new RuleSet(List.of(new dev.linli.scheduling.rule.OpeningHoursRule("Mo-Su 09:00-21:30",
            "Mo-Su 10:00-16:00", java.time.DayOfWeek.MONDAY, false)))), HolidayCalendar.bundled());
    SeriesDecision weekly = BookingSeries.on(season, HolidayCalendar.bundled()).book(dance);
    StringBuilder line = new StringBuilder();
    for (SeriesDecision.Occurrence o : weekly.occurrences()) {
      line.append(line.length() == 0 ? "" : ", ").append(TIME.format(o.start()).substring(0, 5))
          .append(' ').append(o.outcome() == SeriesDecision.Outcome.BOOKED ? "booked"
              : o.outcome() == SeriesDecision.Outcome.SKIPPED_HOLIDAY ? "skipped (春节 holiday)"
              : o.outcome().name().toLowerCase(Locale.ROOT));
    }
    out.printf(Locale.ROOT, "  dance team's weekly series on the stage, FREQ=WEEKLY;BYDAY=TU;COUNT=4"
        + " from 02-17 19:00, holidays skipped: %s%n", line);
    out.println();
  }

  /** The dance class and the banquet hall, on the bundled centre set-up. */
  void classesAndBanquet() throws IOException {
    BookingConfig config;
    ClassOffering dance;
    BanquetTerms terms;
    try (InputStream c = resource("booking-config.json");
        InputStream d = resource("jf-dance-class.json");
        InputStream t = resource("jf-banquet-terms.json")) {
      config = BookingConfig.parse(c, "booking-config.json");
      dance = ClassOffering.parse(d, "jf-dance-class.json");
      terms = BanquetTerms.parse(t, "jf-banquet-terms.json");
    }
    BookingEngine engine = config.engine(clock);
    Course course = Course.of(engine, clock, dance);
    // A small class for the demo, so the waitlist shows: 2 places instead of the sample's 20.
    Course small = Course.of(engine, clock, new ClassOffering("jf-dance-mini", dance.name(),
        dance.instructorId(), dance.resourceId(), 2, 1, dance.length(), dance.sessions()));
    out.printf(Locale.ROOT, "Class %s (%s) in the %s: %d sessions of %d min from %s, %d places;"
        + " enrolment books every session or none%n", dance.name().zh(), dance.name().en(),
        dance.resourceId(), dance.sessions().size(), dance.length().toMinutes(),
        TIME.format(dance.sessions().get(0)), dance.places());
    TextTable table = new TextTable("who", "step", "result");
    table.row("王阿姨", "enrols in " + dance.id(), enrolment(course.enrol("r-jf-wang",
        "hh-jn12-301")));
    table.row("小陈", "enrols in " + dance.id(), enrolment(course.enrol("r-jf-chen",
        "hh-jx3-201")));
    table.row("老李", "enrols in the 2-place jf-dance-mini", enrolment(small.enrol("r-jf-li",
        "hh-jn12-602")));
    table.row("周奶奶", "enrols in jf-dance-mini", enrolment(small.enrol("r-jf-zhou",
        "hh-jx3-502")));
    table.row("陈妈妈", "enrols in jf-dance-mini (full)", enrolment(small.enrol("r-jf-chenm",
        "hh-jx3-201")));
    Course.DropOut drop = small.drop("r-jf-li", "r-jf-li");
    table.row("老李", "drops out of jf-dance-mini", drop.cancelled().size()
        + " future sessions freed; enrolled from the waitlist: "
        + String.join(", ", drop.enrolledFromWaitlist().keySet()));
    out.table("classes", table);

    BanquetHall hall = BanquetHall.of(engine, clock, terms);
    out.printf(Locale.ROOT, "家宴馆 (%s): %d to %d guests, fee %s CNY or %d points, deposit %s CNY,"
        + " refund %s; the centre approves each feast; 2 h cleaning after each%n",
        terms.resourceId(), terms.minGuests(), terms.maxGuests(), yuan(terms.feeFen()),
        terms.feePoints(), yuan(terms.depositFen()), terms.refunds().stream().map(r -> r.percent()
            + "% with " + r.notice().toDays() + " days' notice").collect(
            java.util.stream.Collectors.joining(", ")));
    TextTable feasts = new TextTable("who", "asks for", "when", "result");
    feast(hall, feasts, "bq-1", "王阿姨", "hh-jn12-301", "2026-02-28T17:00", 3, 24,
        "a family feast for 24");
    feast(hall, feasts, "bq-2", "老李", "hh-jn12-602", "2026-02-28T20:00", 1, 20,
        "the hall right after (no cleaning time)");
    feast(hall, feasts, "bq-3", "小陈", "hh-jx3-201", "2026-03-07T11:00", 3, 60,
        "a wedding lunch for 60");
    Decision approved = engine.approve("bq-1", "staff-jf-01");
    feasts.row("staff-jf-01", "approves bq-1", "", status(approved));
    BanquetHall.Cancellation c = hall.cancel("bq-1", "r-bq-1");
    feasts.row("王阿姨", "cancels bq-1 now (" + c.refund().notice().toDays() + " days ahead)", "",
        status(c.decision()) + "; refund " + c.refund().percent() + "% of the fee: "
        + yuan(c.refund().feeFen()) + " CNY or " + c.refund().feePoints() + " points, deposit "
        + yuan(c.refund().depositFen()) + " CNY back");
    out.table("banquet", feasts);
    out.println();
  }

  private static String yuan(long fen) {
    return String.format(Locale.ROOT, "%d.%02d", fen / 100, fen % 100);
  }

  private static String status(Decision d) {
    return d instanceof Decision.Accepted a ? a.booking().status().name().toLowerCase(Locale.ROOT)
        : "rejected: " + ((Decision.Rejected) d).reasons().get(0).message();
  }

  private void feast(BanquetHall hall, TextTable table, String id, String who, String household,
      String from, int hours, int guests, String what) {
    Instant start = at(from);
    Instant end = start.plus(Duration.ofHours(hours));
    BanquetHall.Booked b = hall.book(new BookingRequest(id, hall.terms().resourceId(), "r-" + id,
        household, start, end, 1), guests);
    String when = TIME.format(start.atZone(SHANGHAI)) + "-"
        + TIME.format(end.atZone(SHANGHAI)).substring(6);
    if (b.decision() instanceof Decision.Accepted a) {
      table.row(who, what, when, a.booking().status().name().toLowerCase(Locale.ROOT)
          + "; fee " + yuan(b.quote().feeFen()) + " CNY, deposit " + yuan(b.quote().depositFen())
          + " CNY");
    } else {
      StringBuilder why = new StringBuilder("rejected");
      for (Reason r : ((Decision.Rejected) b.decision()).reasons()) {
        why.append(" ").append(r.code().code()).append(": ").append(r.message()).append(';');
      }
      table.row(who, what, when, local(why.toString()));
    }
  }

  private static String enrolment(Enrolment e) {
    if (e instanceof Enrolment.Enrolled in) {
      List<Booking> s = in.sessions();
      return "enrolled: " + s.size() + " sessions booked, " + TIME.format(s.get(0).request()
          .start().atZone(SHANGHAI)) + " to " + TIME.format(s.get(s.size() - 1).request().start()
          .atZone(SHANGHAI));
    }
    if (e instanceof Enrolment.Waitlisted w) {
      return "waitlisted, position " + w.position() + ": " + w.reasons().get(0).message();
    }
    return "refused: " + ((Enrolment.Refused) e).reasons().get(0).message();
  }

  /**
   * Rewrites the UTC instants a library message quotes ({@code 2026-02-14T02:20:00Z}) as the
   * community's local time, so every time the demo prints is in Hangzhou's zone.
   */
  static String local(String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?Z").matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, TIME.format(Instant.parse(m.group()).atZone(SHANGHAI)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private void book(BookingEngine engine, TextTable table, String id, String who, String resource,
      String household, String from, String to, String what) {
    Instant start = LocalDateTime.parse(from).atZone(SHANGHAI).toInstant();
    Instant end = LocalDateTime.parse(to).atZone(SHANGHAI).toInstant();
    Decision d = engine.decide(new BookingRequest(id, resource, "r-" + id, household, start, end,
        1));
    String when = TIME.format(start.atZone(SHANGHAI)) + "-"
        + TIME.format(end.atZone(SHANGHAI)).substring(6);
    if (d instanceof Decision.Accepted) {
      table.row(who, what, when, "accepted", "");
    } else {
      Decision.Rejected r = (Decision.Rejected) d;
      StringBuilder why = new StringBuilder();
      for (Reason reason : r.reasons()) {
        why.append(reason.code().code()).append(": ").append(local(reason.message()))
            .append(' ');
      }
      if (!r.alternatives().isEmpty()) {
        why.append("| try ");
        r.alternatives().forEach(a -> why.append(TIME.format(a.start().atZone(SHANGHAI)))
            .append(' '));
      }
      table.row(who, what, when, "rejected", why.toString().strip());
    }
  }

  void volunteering() throws IOException {
    EarningRules rules;
    MemberLimits limits;
    List<Catalogue.Item> items;
    try (InputStream r = resource("earning-rules.json");
        InputStream l = resource("member-limits.json");
        InputStream c = resource("catalogue.json")) {
      rules = EarningRules.parse(r, "earning-rules.json");
      limits = MemberLimits.parse(l, "member-limits.json");
      items = Catalogue.parse(c, "catalogue.json");
    }
    StepClock time = new StepClock(NOW, SHANGHAI);
    Ledger ledger = Ledger.builder().clock(time).expireLots(TimeBank.POINTS, Period.ofYears(2),
        "points-expired").build();
    TimeBank bank = TimeBank.builder(ledger, rules).pool("pool-jingfang").limits(limits)
        .households(HouseholdDirectory.of(Map.of("v-jf-001", "hh-jx3-201",
            "r-jf-004", "hh-jx3-201", "r-jf-007", "hh-jn12-602")))
        .build();
    for (String merchant : List.of("jf-canteen", "jf-barber", "jf-rooftop-farm")) {
      ledger.createAccount(new Account(merchant, TimeBank.POINTS, AccountKind.MERCHANT, 0, false,
          ""));
    }
    for (String member : List.of("r-jf-004", "r-jf-007", "v-jf-002")) {
      bank.enrol(member);
    }
    Catalogue catalogue = Catalogue.of(bank, items);
    Volunteering desk = Volunteering.on(bank);
    Instant start = at("2026-02-14T10:30");
    Activity meals = new Activity("act-jf-meals-0214", "jingfang", "team-jf-meals",
        Name.of("助老送餐", "Meal delivery to the oldest residents"), "elderly-care", null, start,
        start.plus(Duration.ofHours(2)), 8);
    desk.publish(new ActivityPlan(meals, List.of(
        new Role("deliverer", Name.of("送餐员", "Deliverer"), 6),
        new Role("driver", Name.of("司机", "Driver"), 2)), Eligibility.ANYONE,
        start.minus(Duration.ofHours(2)), Duration.ofHours(4), "JF0214", Duration.ofDays(3)));
    out.println("Volunteering (共富银行): 助老送餐, meal delivery 10:30-12:30, 6 deliverers and 2"
        + " drivers, elderly care earns 100 points an hour x 1.5, at most 2 h per activity");
    TextTable steps = new TextTable("time", "step", "result");
    step(steps, time, "06:00", "小陈 (v-jf-001) signs up as a deliverer", () -> desk.signUp(
        "act-jf-meals-0214", new VolunteerProfile("v-jf-001", AgeBand.AGE_18_59, Set.of()),
        "deliverer"));
    Participant chen = Participant.of("act-jf-meals-0214", "v-jf-001");
    step(steps, time, "10:20", "小陈 checks in with the code", () -> desk.checkIn(chen,
        "v-jf-001", "JF0214"));
    step(steps, time, "12:50", "the organiser checks 小陈 out", () -> desk.checkOut(chen,
        "team-jf-meals", null));
    step(steps, time, "13:00", "the organiser confirms 2 h 30 min", () -> desk.confirm(chen,
        "team-jf-meals", null, null));
    time.set(at("2026-02-17T13:00"));
    List<Attendance> settled = desk.settle();
    steps.row("02-17 13:00", "no complaint in 3 days: the award posts", settled.size()
        + " award: " + ledger.balance(TimeBank.pointsAccount("v-jf-001")).balance() + " points, "
        + ledger.balance(TimeBank.minutesAccount("v-jf-001")).balance() + " honour minutes");
    time.set(at("2026-02-17T13:05"));
    steps.row("02-17 13:05", "redeems a 邻里食堂午餐 (120 points)", payment(catalogue.redeem(
        RedemptionRequest.of("meal-0217-001", "v-jf-001", "canteen-lunch"))));
    steps.row("02-17 13:10", "gives 50 points to 周奶奶, same household", payment(bank.gift(
        GiftRequest.of("gift-0217-001", "v-jf-001", "r-jf-004", 50))));
    steps.row("02-17 13:12", "tries to give 50 to 老李, another household", payment(bank.gift(
        GiftRequest.of("gift-0217-002", "v-jf-001", "r-jf-007", 50))));
    steps.row("02-17 13:15", "tries a 爱心理发 haircut (200 points)", payment(catalogue.redeem(
        RedemptionRequest.of("cut-0217-001", "v-jf-001", "haircut"))));
    out.table("volunteering", steps);
    out.printf(Locale.ROOT, "  points balance after redemption and gift: %d; honour minutes: %d "
        + "(spending never reduces them); 周奶奶: %d points%n",
        ledger.balance(TimeBank.pointsAccount("v-jf-001")).balance(),
        ledger.balance(TimeBank.minutesAccount("v-jf-001")).balance(),
        ledger.balance(TimeBank.pointsAccount("r-jf-004")).balance());
    WishBoard wishes = WishBoard.on(bank, "wish-escrow", Duration.ofDays(30), Set.of("grid-jf-07"));
    wishes.post(WishRequest.of("wish-0217-01", "jingfang", "r-jf-007", "修一下卧室的窗户", "repair")
        .postedBy("grid-jf-07").offering(40, "pool-jingfang"));
    wishes.claim("wish-0217-01", "v-jf-002");
    out.printf(Locale.ROOT, "  micro-wish (微心愿) posted by grid worker for 老李, 40 points held;"
        + " claimed by v-jf-002; fulfilment confirmed by 老李: %s%n",
        describe(wishes.fulfil("wish-0217-01", "r-jf-007")));
    out.printf(Locale.ROOT, "  audit: balances per asset sum to %s%n", ledger.sumOfBalances());
    out.println();
  }

  private static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
  }

  private static void step(TextTable table, StepClock time, String hhmm, String what,
      java.util.function.Supplier<ServiceResult<?>> action) {
    time.set(at("2026-02-14T" + hhmm));
    table.row("02-14 " + hhmm, what, describe(action.get()));
  }

  private static String describe(ServiceResult<?> r) {
    return local(r instanceof ServiceResult.Accepted<?> a ? a.message()
        : "rejected: " + ((ServiceResult.Rejected<?>) r).message());
  }

  private static String payment(ServiceResult<PaymentState> r) {
    if (r instanceof ServiceResult.Accepted<PaymentState> a) {
      return "done: " + a.transfers().stream().map(t -> t.amount() + " points to "
          + t.creditAccountId()).collect(java.util.stream.Collectors.joining(", "));
    }
    ServiceResult.Rejected<PaymentState> no = (ServiceResult.Rejected<PaymentState>) r;
    return "rejected (" + no.code() + "): " + local(no.message());
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = DemoDay.class.getResourceAsStream("/sample/hangzhou-seed/" + name);
    if (in == null) {
      throw new IOException("the sample data is missing from the jar: " + name);
    }
    return in;
  }
}
