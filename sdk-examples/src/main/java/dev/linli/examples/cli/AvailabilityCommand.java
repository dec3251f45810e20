package dev.linli.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.InvalidValueException;
import dev.linli.core.io.StrictJson;
import dev.linli.scheduling.booking.Availability;
import dev.linli.scheduling.booking.AvailabilityQuery;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.engine.BookingConfig;
import dev.linli.scheduling.engine.BookingEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code linli booking availability}: the bookable starts of a period, for a time picker. */
@Command(name = "availability", mixinStandardHelpOptions = true,
    description = {"Print the starts at which a request would be accepted, one JSON line each: "
        + "{\"start\":\"2026-12-05T07:00\",\"end\":\"2026-12-05T08:00\",\"seatsLeft\":29} "
        + "(with \"resource\" first for a group: --group, or --resource naming a group).",
        "Starts are every slot of the resource's grid from --from to --to (local times of the "
        + "resource's zone); each listed start is one `booking run` accepts with the same config, "
        + "requests and --start (and --db), and each grid start left out is one it refuses. "
        + "See docs/formats.md section 8."})
final class AvailabilityCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /** The query's fields and the options that set them, for messages. */
  private static final Map<String, String> OPTIONS = Map.of("target", "--resource", "from",
      "--from", "to", "--to", "duration", "--duration", "seats", "--seats", "residentId",
      "--resident", "householdId", "--household");

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", required = true, description = "linli-booking-config JSON file.")
  Path config;

  @Option(names = "--requests", description = "JSON-lines file of requests applied first, as "
      + "`booking run` applies them (their bookings and clock moves count).")
  Path requests;

  @Option(names = "--start", defaultValue = "2026-12-01T08:00",
      description = "Local date-time the clock starts at (default: ${DEFAULT-VALUE}).")
  LocalDateTime start;

  @Option(names = "--zone", defaultValue = "Asia/Shanghai",
      description = "Zone of --start and of local times in requests (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Option(names = "--resource",
      description = "Resource id, or a group id of the config (every member is answered).")
  String resource;

  @Option(names = "--group", description = "Group id of the config: every member resource is "
      + "answered, each line naming its resource. Give --resource or --group, not both.")
  String group;

  @Option(names = "--db", description = {"JDBC URL of the PostgreSQL database `booking run --db` "
      + "keeps the bookings in: its bookings count (instead of --requests), read in one "
      + "read-only transaction. As `booking run --db` does, the tables are created if missing and "
      + "the config's rules become a new rule-set version where they differ from the database's.",
      "Default: the config alone, after --requests if given."})
  String db;

  @Option(names = "--from", required = true, description = "First local date-time of the period.")
  LocalDateTime from;

  @Option(names = "--to", required = true, description = "End of the period, exclusive.")
  LocalDateTime to;

  @Option(names = "--duration", required = true, description = "Length of each booking, ISO-8601 "
      + "such as PT1H; a whole number of the resource's slots.")
  String duration;

  @Option(names = "--seats", defaultValue = "1", description = "Seats wanted (default: 1).")
  int seats;

  @Option(names = "--resident", description = "Who books, so their quotas, caps and bans count "
      + "(with --household; default: nobody the centre knows).")
  String resident;

  @Option(names = "--household", description = "The resident's household.")
  String household;

  @Override
  public Integer call() throws IOException {
    if ((resource == null) == (group == null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), resource == null
          ? "give --resource ID or --group ID: which resource, or which group of resources, to"
              + " answer"
          : "--resource " + resource + " and --group " + group + ": give one of them, not both");
    }
    if (db != null && requests != null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--requests and --db:"
          + " with --db the database's bookings are the prior requests; give one or the other"
          + " (apply the requests with `booking run --db` first)");
    }
    AvailabilityQuery query = query();
    BookingConfig cfg;
    try (InputStream in = Files.newInputStream(config)) {
      cfg = BookingConfig.parse(in, config.toString());
    }
    List<String> members = members(cfg, query, group != null);
    if (db != null) {
      try (com.zaxxer.hikari.HikariDataSource pool = BookingCommand.Run.pool(spec, db,
          "linli-booking-availability")) {
        StepClock clock = new StepClock(start.atZone(zone).toInstant(), zone);
        print(BookingCommand.Run.engine(cfg, clock, pool).availability(query), members);
      }
    } else {
      print(engine(cfg).availability(query), members);
    }
    return 0;
  }

  /** One JSON line per bookable start, naming its resource when a group was asked. */
  private void print(Availability a, List<String> members) throws IOException {
    AvailabilityQuery query = a.query();
    boolean group = !members.contains(query.target());
    PrintWriter out = spec.commandLine().getOut();
    for (Availability.Slot s : a.slots()) {
      ObjectNode line = JSON.createObjectNode();
      if (group) {
        line.put("resource", s.resourceId());
      }
      line.put("start", s.start().toLocalDateTime().toString());
      line.put("end", s.end().toLocalDateTime().toString());
      line.put("seatsLeft", s.seatsLeft());
      out.println(JSON.writeValueAsString(line));
    }
    out.flush();
  }

  /** The query, with every problem named by its option. */
  private AvailabilityQuery query() {
    if ((resident == null) != (household == null)) {
      throw new InvalidValueException(resident == null ? "--resident" : "--household", "null",
          "--resident and --household go together: give both or neither");
    }
    Duration length = StrictJson.duration(duration, "--duration");
    try {
      AvailabilityQuery q = new AvailabilityQuery(resource != null ? resource : group, from, to,
          length, seats, null, null);
      return resident == null ? q : q.by(resident, household);
    } catch (InvalidValueException e) {
      String option = e.field().equals("target") && group != null ? "--group"
          : OPTIONS.getOrDefault(e.field(), e.field());
      throw new InvalidValueException(option, e.value(),
          e.allowed().replace(" from ", " --from ").replace("after from", "after --from"));
    }
  }

  /** The config's engine after the requests, as `booking run` leaves it. */
  private BookingEngine engine(BookingConfig cfg) throws IOException {
    if (requests == null) {
      return cfg.engine(new StepClock(start.atZone(zone).toInstant(), zone));
    }
    BookingCommand.Run run = new BookingCommand.Run();
    run.config = config;
    run.requests = requests;
    run.start = start;
    run.zone = zone;
    run.out = Files.createTempFile("linli-decisions", ".jsonl");
    picocli.CommandLine silent = new picocli.CommandLine(run);
    silent.setOut(new PrintWriter(new java.io.StringWriter()));
    run.spec = silent.getCommandSpec();
    try {
      run.call();
    } finally {
      Files.deleteIfExists(run.out);
    }
    return run.engine;
  }

  /**
   * The resources the query answers, from the config: refuses an unknown id, and a duration off a
   * member's grid (which every start would refuse, printing nothing) with one that fits.
   */
  private static List<String> members(BookingConfig cfg, AvailabilityQuery q, boolean group) {
    Map<String, Resource> byId = new java.util.LinkedHashMap<>();
    cfg.resources().forEach(r -> byId.put(r.id(), r));
    if (group && !cfg.groups().containsKey(q.target())) {
      throw new InvalidValueException("--group", q.target(), "must be a group "
          + new java.util.TreeSet<>(cfg.groups().keySet()) + " of the config"
          + (byId.containsKey(q.target()) ? "; " + q.target() + " is a resource: use --resource"
              : ""));
    }
    List<String> ids = byId.containsKey(q.target()) ? List.of(q.target())
        : cfg.groups().get(q.target());
    if (ids == null) {
      throw new InvalidValueException("--resource", q.target(), "must be a resource "
          + byId.keySet() + (cfg.groups().isEmpty() ? "" : " or a group "
          + new java.util.TreeSet<>(cfg.groups().keySet())) + " of the config");
    }
    for (String id : ids) {
      Resource r = byId.get(id);
      if (q.duration().toSeconds() % r.slot().toSeconds() != 0) {
        throw new InvalidValueException("--duration", q.duration().toString(), "must be a whole"
            + " number of " + id + "'s " + r.slot().toMinutes() + "-minute slots, such as "
            + r.slot().multipliedBy(Math.max(1, q.duration().toSeconds()
                / r.slot().toSeconds())));
      }
    }
    return ids;
  }
}
