package dev.linli.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.io.StrictJson;
import dev.linli.scheduling.booking.Booking;
import dev.linli.scheduling.engine.BookingConfig;
import dev.linli.scheduling.engine.BookingEngine;
import dev.linli.scheduling.engine.BookingSchema;
import dev.linli.scheduling.engine.PostgresBookingStore;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Decision;
import dev.linli.scheduling.booking.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code linli booking}: run booking requests against a centre's rules. */
@Command(name = "booking", mixinStandardHelpOptions = true,
    description = "Facility booking: apply requests to a centre's resources and rules.",
    subcommands = {BookingCommand.Run.class, BookingCommand.Expand.class,
        BookingCommand.Ics.class, LotteryCommand.class, AvailabilityCommand.class})
final class BookingCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code linli booking run}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Load resources and rules (a linli-booking-config document), apply the "
          + "requests of a JSON-lines file in order (create, change, cancel, check-in, approve, "
          + "decline, release-no-shows, advance the clock), and write one decision per line.",
          "Every request line is checked before any is applied; a bad line stops the run with "
          + "its file, line and field. See docs/formats.md section 8."})
  static final class Run implements Callable<Integer> {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<String> REQUEST_FIELDS = Set.of("op", "id", "resource", "resident",
        "household", "start", "end", "seats", "group", "actor");
    private static final Set<String> STEP_FIELDS = Set.of("op", "id", "actor");
    /** The fields each op may have: a typo such as {@code "seat"} is refused, not ignored. */
    private static final java.util.Map<String, Set<String>> FIELDS = java.util.Map.of(
        "create", REQUEST_FIELDS, "change", REQUEST_FIELDS, "cancel", STEP_FIELDS,
        "check-in", STEP_FIELDS, "approve", STEP_FIELDS, "decline", STEP_FIELDS,
        "release-no-shows", Set.of("op"), "advance", Set.of("op", "to", "by"),
        "series", Set.of("op", "id", "resource", "resident", "household", "rrule", "start",
            "length", "policy", "skipHolidays", "followMakeUpWorkdays", "horizonDays", "group",
            "seats"));
    private static final Set<String> OPS = FIELDS.keySet();
    private static final Set<String> NUMBER_FIELDS = Set.of("seats", "horizonDays");
    private static final Set<String> BOOLEAN_FIELDS = Set.of("skipHolidays",
        "followMakeUpWorkdays");
    /** Series booked by the last run, for {@code booking ics}. */
    final List<dev.linli.scheduling.series.SeriesRequest> series = new ArrayList<>();
    /** The engine of the last run, for {@code booking ics}. */
    BookingEngine engine;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "linli-booking-config JSON file.")
    Path config;

    @Option(names = "--requests", required = true, description = "JSON-lines file of requests.")
    Path requests;

    @Option(names = "--out", required = true, description = "JSON-lines file of decisions.")
    Path out;

    @Option(names = "--start", defaultValue = "2026-12-01T08:00",
        description = "Local date-time the clock starts at (default: ${DEFAULT-VALUE}).")
    LocalDateTime start;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai",
        description = "Zone of local times in requests (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--db", description = {"JDBC URL of a PostgreSQL database (with ?user=… and "
        + "&password=…) that keeps the bookings: the tables are created if missing, earlier runs' "
        + "bookings count, and runs at the same time share seats and quotas correctly. The "
        + "config's rules become a new rule-set version where they differ from the database's.",
        "Default: keep everything in memory for this run."})
    String db;

    @Override
    public Integer call() throws IOException {
      if (db != null) {
        try (com.zaxxer.hikari.HikariDataSource pool = pool(spec, db, "linli-booking-run")) {
          return call(pool);
        }
      }
      return call(null);
    }

    /**
     * A small pool on the PostgreSQL database {@code url} names, for a command's {@code --db}.
     *
     * @throws picocli.CommandLine.ParameterException if the URL is not a PostgreSQL JDBC URL
     */
    static com.zaxxer.hikari.HikariDataSource pool(picocli.CommandLine.Model.CommandSpec spec,
        String url, String name) {
      if (!url.startsWith("jdbc:postgresql:")) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--db: must be a PostgreSQL JDBC URL such as"
                + " jdbc:postgresql://localhost:5432/centre?user=linli (got " + url + ")");
      }
      com.zaxxer.hikari.HikariConfig c = new com.zaxxer.hikari.HikariConfig();
      c.setJdbcUrl(url);
      c.setMaximumPoolSize(2);
      c.setPoolName(name);
      return new com.zaxxer.hikari.HikariDataSource(c);
    }

    /**
     * The config's engine on {@code database}: the tables are created if missing, and the
     * config's rules become a new rule-set version where they differ from the database's (the
     * database keeps the rules in force).
     */
    static BookingEngine engine(BookingConfig cfg, java.time.Clock clock,
        javax.sql.DataSource database) {
      BookingSchema.install(database);
      BookingEngine engine = cfg.builder(clock).store(PostgresBookingStore.of(database)).build();
      for (java.util.Map.Entry<String, dev.linli.scheduling.rule.RuleSet> e
          : cfg.rules().entrySet()) {
        if (!engine.rules(e.getKey()).equals(e.getValue())) {
          engine.updateRules(e.getKey(), e.getValue());
        }
      }
      return engine;
    }

    private Integer call(javax.sql.DataSource database) throws IOException {
      BookingConfig cfg;
      try (InputStream in = Files.newInputStream(config)) {
        cfg = BookingConfig.parse(in, config.toString());
      }
      List<JsonNode> lines = read();
      StepClock clock = new StepClock(start.atZone(zone).toInstant(), zone);
      if (database == null) {
        engine = cfg.engine(clock);
      } else {
        engine = engine(cfg, clock, database);
      }
      int accepted = 0;
      int rejected = 0;
      try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        for (int i = 0; i < lines.size(); i++) {
          ObjectNode result = apply(engine, clock, lines.get(i));
          result.put("line", i + 1);
          if ("accepted".equals(result.path("decision").asText())) {
            accepted++;
          } else if ("rejected".equals(result.path("decision").asText())) {
            rejected++;
          }
          w.write(JSON.writeValueAsString(result));
          w.write('\n');
        }
      }
      spec.commandLine().getOut().printf(java.util.Locale.ROOT,
          "%d requests: %d accepted, %d rejected; decisions in %s%n", lines.size(), accepted,
          rejected, out);
      spec.commandLine().getOut().flush();
      return 0;
    }

    /** Reads and checks every line before anything is applied. */
    List<JsonNode> read() throws IOException {
      List<JsonNode> nodes = new ArrayList<>();
      List<Problem> problems = new ArrayList<>();
      Instant now = start == null ? null : start.atZone(zone).toInstant();
      List<StrictJson.Line> lines;
      try (InputStream in = Files.newInputStream(requests)) {
        lines = StrictJson.readLines(in, requests.toString());
      }
      for (StrictJson.Line line : lines) {
        long n = line.number();
        JsonNode node = line.value();
        try {
          String op = node.path("op").asText("");
          if (!OPS.contains(op)) {
            problems.add(new Problem(requests.toString(), n, "$.op", "must be one of "
                + new java.util.TreeSet<>(OPS) + " (got " + node.path("op") + ")"));
            continue;
          }
          List<Problem> unknown = StrictJson.unknownFields(node, FIELDS.get(op),
              requests.toString(), n);
          if (!unknown.isEmpty()) {
            problems.addAll(unknown);
            continue;
          }
          types(node);
          if (op.equals("create") || op.equals("change")) {
            request(node);
          } else if (op.equals("series")) {
            series(node);
          } else if (op.equals("advance")) {
            // Only advance lines move the clock, so its every step is known before the run
            // (from the first absolute step on when the start is not given, as in validate).
            boolean absolute = node.hasNonNull("to");
            Instant base = now == null ? Instant.EPOCH : now;
            Instant to = advanceTo(node, base);
            if (to.isBefore(base) && (now != null || !absolute)) {
              throw new dev.linli.core.InvalidValueException(absolute ? "to" : "by",
                  now == null ? String.valueOf(node.get("by").asText()) : local(to),
                  "must not move the clock backwards" + (now == null ? ""
                      : "; it is " + local(now) + " here"));
            }
            now = now == null && !absolute ? null : to;
          } else if (!op.equals("release-no-shows")) {
            need(node, "id");
            need(node, "actor");
          }
          nodes.add(node);
        } catch (RuntimeException e) {
          String field = e instanceof dev.linli.core.InvalidValueException ive ? ive.field()
              : "";
          problems.add(new Problem(requests.toString(), n, "$" + (field.isEmpty() ? ""
              : "." + field), e instanceof dev.linli.core.InvalidValueException ive
              ? ive.allowed() + " (got " + ive.value() + ")" : String.valueOf(e.getMessage())));
        }
      }
      if (!problems.isEmpty()) {
        throw new DataFormatException(problems);
      }
      return nodes;
    }

    /** Text fields hold strings and flags hold booleans: {@code "id": 5} is not read as "5". */
    private static void types(JsonNode node) {
      for (java.util.Map.Entry<String, JsonNode> f : node.properties()) {
        JsonNode v = f.getValue();
        if (BOOLEAN_FIELDS.contains(f.getKey())) {
          if (!v.isBoolean()) {
            throw new dev.linli.core.InvalidValueException(f.getKey(), v.toString(),
                "must be true or false");
          }
        } else if (!NUMBER_FIELDS.contains(f.getKey()) && !v.isTextual()) {
          throw new dev.linli.core.InvalidValueException(f.getKey(), v.toString(),
              "must be a string");
        }
      }
    }

    private static String need(JsonNode node, String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull() || v.asText().isBlank()) {
        throw new dev.linli.core.InvalidValueException(field, null, "is required");
      }
      return v.asText();
    }

    private BookingRequest request(JsonNode n) {
      LocalDateTime from;
      LocalDateTime to;
      try {
        from = LocalDateTime.parse(need(n, "start"));
      } catch (java.time.format.DateTimeParseException e) {
        throw new dev.linli.core.InvalidValueException("start", n.path("start").asText(),
            "must be a local date-time such as 2026-12-05T09:00");
      }
      try {
        to = LocalDateTime.parse(need(n, "end"));
      } catch (java.time.format.DateTimeParseException e) {
        throw new dev.linli.core.InvalidValueException("end", n.path("end").asText(),
            "must be a local date-time such as 2026-12-05T10:00");
      }
      return new BookingRequest(need(n, "id"), need(n, "resource"), need(n, "resident"),
          need(n, "household"), BookingRequest.instantOf(from, zone, "start"),
          BookingRequest.instantOf(to, zone, "end"),
          StrictJson.intField(n, "seats", 1),
          n.hasNonNull("group") ? n.get("group").asText() : null);
    }

    private dev.linli.scheduling.series.SeriesRequest series(JsonNode n) {
      dev.linli.scheduling.series.RecurrenceRule rule =
          dev.linli.scheduling.series.RecurrenceRule.parse(need(n, "rrule"));
      LocalDateTime from;
      try {
        from = LocalDateTime.parse(need(n, "start"));
      } catch (java.time.format.DateTimeParseException e) {
        throw new dev.linli.core.InvalidValueException("start", n.path("start").asText(),
            "must be a local date-time such as 2026-12-05T09:00");
      }
      Duration length = StrictJson.duration(need(n, "length"), "length");
      String policy = n.path("policy").asText("ALL_OR_NOTHING");
      dev.linli.scheduling.series.SeriesRequest.Policy p;
      try {
        p = dev.linli.scheduling.series.SeriesRequest.Policy.valueOf(policy);
      } catch (IllegalArgumentException e) {
        throw new dev.linli.core.InvalidValueException("policy", policy,
            "must be ALL_OR_NOTHING, SKIP_CONFLICTS or KEEP_COUNT");
      }
      return new dev.linli.scheduling.series.SeriesRequest(need(n, "id"), need(n, "resource"),
          need(n, "resident"), need(n, "household"), n.hasNonNull("group")
              ? n.get("group").asText() : null, StrictJson.intField(n, "seats", 1),
          dev.linli.scheduling.series.Recurrence.of(rule, from, zone), length, p,
          n.path("skipHolidays").asBoolean(true), n.path("followMakeUpWorkdays").asBoolean(false),
          from.atZone(zone).toInstant().plus(Duration.ofDays(horizonDays(n))));
    }

    private static int horizonDays(JsonNode n) {
      JsonNode v = n.get("horizonDays");
      if (v == null || v.isNull()) {
        return 366;
      }
      int max = dev.linli.scheduling.series.SeriesRequest.MAX_HORIZON_DAYS;
      if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > max) {
        throw new dev.linli.core.InvalidValueException("horizonDays", v.asText(),
            "must be a whole number of days from 1 to " + max);
      }
      return v.asInt();
    }

    private Instant advanceTo(JsonNode n, Instant now) {
      if (n.hasNonNull("to")) {
        try {
          return LocalDateTime.parse(n.get("to").asText()).atZone(zone).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
          throw new dev.linli.core.InvalidValueException("to", n.get("to").asText(),
              "must be a local date-time such as 2026-12-05T09:20");
        }
      }
      return now.plus(StrictJson.duration(need(n, "by"), "by"));
    }

    private ObjectNode apply(BookingEngine engine, StepClock clock, JsonNode n) {
      String op = n.get("op").asText();
      ObjectNode result = JSON.createObjectNode();
      result.put("op", op);
      switch (op) {
        case "series" -> {
          dev.linli.scheduling.series.SeriesRequest s = series(n);
          dev.linli.scheduling.series.SeriesDecision d = dev.linli.scheduling.series.BookingSeries
              .on(engine, dev.linli.scheduling.calendar.HolidayCalendar.bundled()).book(s);
          result.put("decision", d.accepted() ? "accepted" : "rejected");
          result.put("id", s.id());
          result.put("booked", d.booked());
          ArrayNode occurrences = result.putArray("occurrences");
          for (dev.linli.scheduling.series.SeriesDecision.Occurrence o : d.occurrences()) {
            ObjectNode item = occurrences.addObject();
            item.put("start", o.start().toLocalDateTime().toString());
            item.put("outcome", o.outcome().name());
            if (o.decision() instanceof Decision.Rejected r) {
              item.put("reason", r.reasons().get(0).code().code());
            }
          }
          if (d.booked() > 0) {
            series.add(s);
          }
        }
        case "create" -> decision(result, engine.decide(request(n)));
        case "change" -> decision(result, engine.change(request(n), n.path("actor")
            .asText(n.get("resident").asText())));
        case "cancel" -> decision(result, engine.cancel(n.get("id").asText(),
            n.get("actor").asText()));
        case "check-in" -> decision(result, engine.checkIn(n.get("id").asText(),
            n.get("actor").asText()));
        case "approve" -> decision(result, engine.approve(n.get("id").asText(),
            n.get("actor").asText()));
        case "decline" -> decision(result, engine.decline(n.get("id").asText(),
            n.get("actor").asText()));
        case "release-no-shows" -> {
          ArrayNode released = result.putArray("released");
          for (Booking b : engine.releaseNoShows()) {
            released.add(b.id());
          }
        }
        default -> {
          clock.set(advanceTo(n, clock.instant()));
          result.put("now", clock.instant().atZone(zone).toLocalDateTime().toString());
        }
      }
      return result;
    }

    private void decision(ObjectNode result, Decision d) {
      if (d instanceof Decision.Accepted a) {
        result.put("decision", "accepted");
        result.put("id", a.booking().id());
        result.put("status", a.booking().status().name());
        result.put("resource", a.booking().request().resourceId());
        result.put("start", local(a.booking().request().start()));
        result.put("end", local(a.booking().request().end()));
        return;
      }
      Decision.Rejected r = (Decision.Rejected) d;
      result.put("decision", "rejected");
      ArrayNode reasons = result.putArray("reasons");
      for (Reason reason : r.reasons()) {
        ObjectNode o = reasons.addObject();
        o.put("code", reason.code().code());
        o.put("rule", reason.rule());
        o.put("message", reason.message());
        o.put("messageZh", reason.messageZh());
        ObjectNode values = o.putObject("values");
        reason.values().forEach(values::put);
      }
      ArrayNode alternatives = result.putArray("alternatives");
      for (BookingRequest alt : r.alternatives()) {
        ObjectNode o = alternatives.addObject();
        o.put("resource", alt.resourceId());
        o.put("start", local(alt.start()));
        o.put("end", local(alt.end()));
      }
    }

    private String local(Instant t) {
      return t.atZone(zone).toLocalDateTime().toString();
    }
  }

  /** {@code linli booking expand}. */
  @Command(name = "expand", mixinStandardHelpOptions = true,
      description = {"Print the occurrences of an RFC 5545 RRULE, one ISO local date-time per line.",
          "A rule with COUNT or UNTIL is printed to its end; a rule without either stops at "
          + "--until, or ten years after DTSTART with a note on stderr."})
  static final class Expand implements Callable<Integer> {
    /** How far an unbounded rule is expanded when --until is not given. */
    static final int DEFAULT_HORIZON_YEARS = 10;
    /** The last instant any expansion reaches: .ics and ISO local date-times have 4-digit years. */
    private static final LocalDateTime LAST = LocalDateTime.of(9999, 12, 31, 23, 59, 59);

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--rrule", required = true, description = "The rule, e.g. FREQ=MONTHLY;BYDAY=-1FR.")
    String rrule;

    @Option(names = "--dtstart", required = true, description = "First local date-time (DTSTART).")
    LocalDateTime dtstart;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai",
        description = "Zone of the local times and of a floating UNTIL (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--until", description = "Stop before this local date-time (default: the "
        + "rule's own end; ten years after DTSTART for a rule without COUNT or UNTIL).")
    LocalDateTime until;

    @Option(names = "--count", description = "At most this many occurrences (>= 1).")
    Integer count;

    @Override
    public Integer call() {
      if (count != null && count < 1) {
        throw new dev.linli.core.InvalidValueException("--count", String.valueOf(count),
            "must be >= 1");
      }
      if (until != null && !until.isAfter(dtstart)) {
        throw new dev.linli.core.InvalidValueException("--until", until.toString(),
            "must be after --dtstart " + dtstart);
      }
      dev.linli.scheduling.series.RecurrenceRule rule =
          dev.linli.scheduling.series.RecurrenceRule.parse(rrule);
      if (rule.infinite() && count != null) {
        rule = rule.withCount(count); // bounded by the count, so no default horizon is needed
      }
      boolean defaultHorizon = until == null && rule.infinite();
      LocalDateTime end = until != null ? until
          : defaultHorizon ? dtstart.plusYears(DEFAULT_HORIZON_YEARS) : LAST;
      List<java.time.ZonedDateTime> out = dev.linli.scheduling.series.Recurrence.of(rule,
          dtstart, zone).until(end.atZone(zone).toInstant());
      java.io.PrintWriter w = spec.commandLine().getOut();
      int n = 0;
      for (java.time.ZonedDateTime z : out) {
        if (count != null && n++ >= count) {
          break;
        }
        w.println(z.toLocalDateTime());
      }
      w.flush();
      java.io.PrintWriter err = spec.commandLine().getErr();
      if (defaultHorizon && !out.isEmpty()) {
        err.printf(java.util.Locale.ROOT, "linli expand: the rule has no COUNT or UNTIL; stopped"
            + " before %s, %d years after DTSTART (use --until or --count to go further)%n", end,
            DEFAULT_HORIZON_YEARS);
      } else if (until == null && !out.isEmpty() && (rule.count() != null
          ? out.size() < rule.count() && out.get(out.size() - 1).getYear() > LAST.getYear() - 10
          : dev.linli.scheduling.series.Recurrence.of(rule, dtstart, zone).untilInstant()
              .isAfter(LAST.atZone(zone).toInstant()))) {
        err.printf(java.util.Locale.ROOT, "linli expand: stopped at the end of the year %d%n",
            LAST.getYear());
      }
      if (out.isEmpty()) {
        err.printf(java.util.Locale.ROOT, "linli expand: the rule has no occurrence from %s"
            + " before %s%n", dtstart, end);
      }
      err.flush();
      return 0;
    }
  }

  /** {@code linli booking ics}. */
  @Command(name = "ics", mixinStandardHelpOptions = true,
      description = {"Apply a request script (as booking run does) and export the bookings and "
          + "series that hold time as an RFC 5545 calendar."})
  static final class Ics implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "linli-booking-config JSON file.")
    Path config;

    @Option(names = "--requests", required = true, description = "JSON-lines file of requests.")
    Path requests;

    @Option(names = "--out", required = true, description = "The .ics file to write.")
    Path out;

    @Override
    public Integer call() throws IOException {
      Run run = new Run();
      run.spec = spec;
      run.config = config;
      run.requests = requests;
      run.out = Files.createTempFile("linli-decisions", ".jsonl");
      run.start = LocalDateTime.parse("2026-12-01T08:00");
      run.zone = ZoneId.of("Asia/Shanghai");
      java.io.StringWriter quiet = new java.io.StringWriter();
      picocli.CommandLine silent = new picocli.CommandLine(run);
      silent.setOut(new java.io.PrintWriter(quiet));
      run.spec = silent.getCommandSpec();
      try {
        run.call();
      } finally {
        Files.deleteIfExists(run.out);
      }
      List<Booking> bookings = new ArrayList<>();
      java.util.Map<String, dev.linli.scheduling.booking.Resource> resources =
          new java.util.LinkedHashMap<>();
      for (dev.linli.scheduling.booking.Resource r : run.engine.resources()) {
        resources.put(r.id(), r);
        bookings.addAll(run.engine.bookings(r.id()));
      }
      String ics = dev.linli.scheduling.ical.ICalendar.write(bookings, run.series, resources,
          run.engine.resources().isEmpty() ? Instant.EPOCH
              : run.start.atZone(run.zone).toInstant());
      Files.writeString(out, ics, StandardCharsets.UTF_8);
      spec.commandLine().getOut().printf(java.util.Locale.ROOT,
          "%d bookings and %d series written to %s%n", bookings.size(), run.series.size(), out);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
