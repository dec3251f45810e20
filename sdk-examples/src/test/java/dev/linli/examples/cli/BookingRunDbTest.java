package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linli.core.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code linli booking run --db}: two processes on one database at the same time never sell more
 * seats or quota than there is between them, and a later run sees what the earlier runs booked.
 */
class BookingRunDbTest {
  @TempDir Path dir;

  /** Requests of one process: 6 households for the gym's 2 seats at 07:00, and 4 gym hours for
   * one shared household whose quota is 3 a week. */
  private Path requests(String who) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < 6; k++) {
      b.append(line(who + "-seat-" + k, "r-" + who + k, "h-" + who + k, "07:00", "08:00"));
    }
    for (int k = 0; k < 4; k++) {
      b.append(line(who + "-quota-" + k, "r-" + who + "-shared", "h-shared", (10 + k) + ":00",
          (11 + k) + ":00"));
    }
    Path p = dir.resolve(who + ".jsonl");
    Files.writeString(p, b.toString(), StandardCharsets.UTF_8);
    return p;
  }

  private static String line(String id, String resident, String household, String from,
      String to) {
    return "{\"op\": \"create\", \"id\": \"" + id + "\", \"resource\": \"jf-gym\", \"resident\": \""
        + resident + "\", \"household\": \"" + household + "\", \"start\": \"2026-12-05T" + from
        + "\", \"end\": \"2026-12-05T" + to + "\"}\n";
  }

  private Path config() throws IOException {
    Path p = dir.resolve("booking-config.json");
    try (InputStream in = getClass().getResourceAsStream("/sample/hangzhou-seed/"
        + "booking-config.json")) {
      Files.copy(in, p);
    }
    return p;
  }

  private Process start(Path config, Path requests, Path out, String url) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LinliCommand.class.getName(), "booking", "run", "--config", config.toString(),
        "--requests", requests.toString(), "--out", out.toString(), "--db", url)
        .redirectErrorStream(true).redirectOutput(dir.resolve(out.getFileName() + ".log").toFile())
        .start();
  }

  private static List<JsonNode> decisions(Path out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      lines.add(json.readTree(line));
    }
    return lines;
  }

  private static long accepted(List<JsonNode> lines, String idPart) {
    return lines.stream().filter(n -> "accepted".equals(n.path("decision").asText())
        && n.path("id").asText().contains(idPart)).count();
  }

  @Test
  void twoProcessesAtOnce_neverExceedCapacityOrQuota_andALaterRunSeesTheirBookings()
      throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    Path config = config();
    Path outA = dir.resolve("a-out.jsonl");
    Path outB = dir.resolve("b-out.jsonl");
    Process a = start(config, requests("a"), outA, db.jdbcUrl());
    Process b = start(config, requests("b"), outB, db.jdbcUrl());
    assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS), "timed out");
    assertEquals(0, a.exitValue(), Files.readString(dir.resolve("a-out.jsonl.log")));
    assertEquals(0, b.exitValue(), Files.readString(dir.resolve("b-out.jsonl.log")));
    List<JsonNode> both = new ArrayList<>(decisions(outA));
    both.addAll(decisions(outB));
    assertEquals(20, both.size());
    assertEquals(2, accepted(both, "-seat-"), "the gym has 2 seats at 07:00, between both runs");
    assertEquals(3, accepted(both, "-quota-"), "h-shared may book 3 times a week, between both");

    Path later = dir.resolve("later.jsonl");
    Files.writeString(later, line("c-seat", "r-c", "h-c", "07:00", "08:00")
        + line("c-quota", "r-c-shared", "h-shared", "16:00", "17:00"), StandardCharsets.UTF_8);
    Path outC = dir.resolve("c-out.jsonl");
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "run", "--config", config.toString(),
        "--requests", later.toString(), "--out", outC.toString(), "--db", db.jdbcUrl());
    assertEquals(0, r.code(), r.err());
    List<JsonNode> c = decisions(outC);
    assertEquals("conflict", c.get(0).at("/reasons/0/code").asText(), c.get(0).toString());
    assertEquals("quota-exceeded", c.get(1).at("/reasons/0/code").asText(), c.get(1).toString());
  }

  @Test
  void notAPostgresUrl_isRefusedWithWhatIsAllowed() throws IOException {
    LinliCommandTest.Run r = LinliCommandTest.run("booking", "run", "--config",
        config().toString(), "--requests", requests("x").toString(), "--out",
        dir.resolve("o.jsonl").toString(), "--db", "jdbc:mysql://localhost/centre");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--db: must be a PostgreSQL JDBC URL such as"
        + " jdbc:postgresql://localhost:5432/centre?user=linli (got jdbc:mysql://localhost/centre)"),
        r.err());
  }
}
