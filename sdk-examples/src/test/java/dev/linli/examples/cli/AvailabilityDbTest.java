package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code linli booking availability --db}: after {@code booking run --db} has applied the sample
 * script to a real PostgreSQL database, the time picker reading the database prints exactly what
 * it prints replaying the same script in memory, for a resource and for a group; a later
 * {@code booking run --db} accepts a listed start and refuses an omitted one.
 */
class AvailabilityDbTest {
  @TempDir Path dir;

  private Path copy(String name) throws IOException {
    return SeedSample.copy(dir, name);
  }

  private static String create(String id, String resource, String start, String end) {
    return "{\"op\": \"create\", \"id\": \"" + id + "\", \"resource\": \"" + resource
        + "\", \"resident\": \"r-chen\", \"household\": \"hh-201\", \"start\": \"" + start
        + "\", \"end\": \"" + end + "\"}\n";
  }

  @Test
  void database_answersAsTheSameScriptInMemory_andALaterRunAgrees() throws IOException {
    TestPostgres db = TestPostgres.newDatabase();
    Path config = copy("booking-config.json");
    Path requests = copy("booking-requests.jsonl");
    // The sample script ends its clock at 2026-12-05T07:20.
    LinliCommandTest.Run run = LinliCommandTest.run("booking", "run", "--config",
        config.toString(), "--requests", requests.toString(), "--out",
        dir.resolve("out.jsonl").toString(), "--db", db.jdbcUrl());
    assertEquals(0, run.code(), run.err());
    String[] gym = {"--resource", "jf-gym", "--from", "2026-12-05T06:00", "--to",
        "2026-12-05T12:00", "--duration", "PT1H", "--resident", "r-chen", "--household",
        "hh-201"};
    String[] courts = {"--group", "half-courts", "--from", "2026-12-05T09:00", "--to",
        "2026-12-05T11:00", "--duration", "PT30M"};
    for (String[] query : List.of(gym, courts)) {
      LinliCommandTest.Run memory = availability(config, "--requests", requests.toString(),
          query);
      LinliCommandTest.Run database = availability(config, "--db", db.jdbcUrl(), "--start",
          "2026-12-05T07:20", query);
      assertEquals(0, memory.code(), memory.err());
      assertEquals(0, database.code(), database.err());
      assertTrue(memory.out().split("\n").length >= 4, memory.out());
      assertEquals(memory.out(), database.out(), String.join(" ", query));
    }

    // 07:30 is listed with 1 seat left, 06:30 (past) is not: a later run agrees on both.
    LinliCommandTest.Run listed = availability(config, "--db", db.jdbcUrl(), "--start",
        "2026-12-05T07:20", gym);
    assertTrue(listed.out().startsWith("{\"start\":\"2026-12-05T07:30\",\"end\":"
        + "\"2026-12-05T08:30\",\"seatsLeft\":1}\n"), listed.out());
    Path later = dir.resolve("later.jsonl");
    Files.writeString(later, create("late-1", "jf-gym", "2026-12-05T07:30", "2026-12-05T08:30")
        + create("late-2", "jf-gym", "2026-12-05T06:30", "2026-12-05T07:30"),
        StandardCharsets.UTF_8);
    Path out = dir.resolve("later-out.jsonl");
    LinliCommandTest.Run again = LinliCommandTest.run("booking", "run", "--config",
        config.toString(), "--requests", later.toString(), "--out", out.toString(), "--start",
        "2026-12-05T07:20", "--db", db.jdbcUrl());
    assertEquals(0, again.code(), again.err());
    List<String> decisions = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertTrue(decisions.get(0).contains("\"decision\":\"accepted\""), decisions.get(0));
    assertTrue(decisions.get(1).contains("\"decision\":\"rejected\""), decisions.get(1));
    // The seat it took is gone from the next answer.
    LinliCommandTest.Run after = availability(config, "--db", db.jdbcUrl(), "--start",
        "2026-12-05T07:20", gym);
    assertTrue(!after.out().contains("\"start\":\"2026-12-05T07:30\""), after.out());
  }

  @Test
  void requestsWithDb_orNotPostgres_areRefused() throws IOException {
    Path config = copy("booking-config.json");
    Path requests = copy("booking-requests.jsonl");
    String[] gym = {"--resource", "jf-gym", "--from", "2026-12-05T06:00", "--to",
        "2026-12-05T12:00", "--duration", "PT1H"};
    LinliCommandTest.Run both = availability(config, "--requests", requests.toString(), "--db",
        "jdbc:postgresql://localhost:1/none", gym);
    assertEquals(2, both.code(), both.err());
    assertTrue(both.err().contains("--requests and --db: with --db the database's bookings are"
        + " the prior requests"), both.err());
    LinliCommandTest.Run mysql = availability(config, "--db", "jdbc:mysql://localhost/centre",
        gym);
    assertEquals(2, mysql.code(), mysql.err());
    assertTrue(mysql.err().contains("--db: must be a PostgreSQL JDBC URL such as"
        + " jdbc:postgresql://localhost:5432/centre?user=linli (got jdbc:mysql://localhost/centre)"),
        mysql.err());
    assertEquals("", both.out() + mysql.out());
  }

  private static LinliCommandTest.Run availability(Path config, String option, String value,
      String... query) {
    return availability(config, new String[] {option, value}, query);
  }

  private static LinliCommandTest.Run availability(Path config, String option, String value,
      String option2, String value2, String... query) {
    return availability(config, new String[] {option, value, option2, value2}, query);
  }

  private static LinliCommandTest.Run availability(Path config, String[] options,
      String[] query) {
    java.util.List<String> args = new java.util.ArrayList<>(List.of("booking", "availability",
        "--config", config.toString()));
    args.addAll(List.of(options));
    args.addAll(List.of(query));
    return LinliCommandTest.run(args.toArray(String[]::new));
  }
}
