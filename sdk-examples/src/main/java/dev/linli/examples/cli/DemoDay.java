package dev.linli.examples.cli;

import dev.linli.core.Name;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.EarningRules;
import dev.linli.points.Ledger;
import dev.linli.points.TimeBank;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import dev.linli.scheduling.booking.BookingEngine;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.rule.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bookings and volunteering parts of the demo day, on a fixed clock so output is stable. */
final class DemoDay {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** 06:00 on Saturday 2026-02-14 in Hangzhou. */
  private static final Instant NOW = LocalDateTime.parse("2026-02-14T06:00").atZone(SHANGHAI)
      .toInstant();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm",
      Locale.ROOT);

  private final PrintWriter out;
  private final Clock clock = Clock.fixed(NOW, SHANGHAI);

  DemoDay(PrintWriter out) {
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
    out.print(table.render());
    out.println();
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
        why.append(reason.code()).append(": ").append(reason.message()).append(' ');
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
    try (InputStream in = resource("earning-rules.json")) {
      rules = EarningRules.parse(in, "earning-rules.json");
    }
    Ledger ledger = Ledger.create(clock);
    TimeBank bank = TimeBank.open(ledger, rules, "pool-jingfang", "hours-issuer");
    bank.enrol("v-jf-001");
    bank.enrol("r-jf-004");
    ledger.createAccount(new Account("jf-canteen", TimeBank.POINTS, AccountKind.MERCHANT, 0,
        false, "景芳邻里食堂"));
    out.println("Volunteering (共富银行): 小陈 delivers meals to the oldest residents for 2 h 30 min");
    List<TransferResult> proposed = bank.propose("aw-0214-v-jf-001", "v-jf-001", "elderly-care",
        Duration.ofMinutes(150), "act-jf-meals-0214", Duration.ofDays(3));
    TimeBank.Earning earning = bank.earning("elderly-care", Duration.ofMinutes(150));
    out.printf(Locale.ROOT, "  award proposed as holds %s: %d points (2 h cap x 100 x 1.5) and %d "
        + "honour minutes%n", proposed, earning.points(), earning.minutes());
    out.printf(Locale.ROOT, "  organiser confirms: %s%n", bank.confirm("aw-0214-v-jf-001"));
    TransferResult meal = ledger.submit(TransferRequest.of("meal-0214-001",
        TimeBank.pointsAccount("v-jf-001"), "jf-canteen", 120, "canteen-redemption"));
    out.printf(Locale.ROOT, "  redeems a canteen meal for 120 points: %s%n", meal);
    TransferResult gift = ledger.submit(TransferRequest.of("gift-0214-001",
        TimeBank.pointsAccount("v-jf-001"), TimeBank.pointsAccount("r-jf-004"), 50, "family-gift"));
    out.printf(Locale.ROOT, "  gives 50 points to 周奶奶 (a grandparent): %s%n", gift);
    TransferResult overspend = ledger.submit(TransferRequest.of("meal-0214-002",
        TimeBank.pointsAccount("v-jf-001"), "jf-canteen", 200, "canteen-redemption"));
    out.printf(Locale.ROOT, "  tries a 200-point meal: %s%n", overspend);
    out.printf(Locale.ROOT, "  points balance after redemption and gift: %d; honour minutes: %d "
        + "(spending never reduces them); 周奶奶: %d points%n",
        ledger.balance(TimeBank.pointsAccount("v-jf-001")).balance(),
        ledger.balance(TimeBank.minutesAccount("v-jf-001")).balance(),
        ledger.balance(TimeBank.pointsAccount("r-jf-004")).balance());
    out.printf(Locale.ROOT, "  audit: balances per asset sum to %s%n", ledger.sumOfBalances());
    out.println();
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = DemoDay.class.getResourceAsStream("/sample/hangzhou-seed/" + name);
    if (in == null) {
      throw new IOException("the sample data is missing from the jar: " + name);
    }
    return in;
  }
}
