package dev.linli.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The backend developers' PostgreSQL example, run against a real server, twice. */
class BookingsOnPostgresTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T02:00:00Z"),
      ZoneOffset.UTC);

  @Test
  void twoInstancesAndARestart_neverOversell_andASecondRunIsAllRetries() {
    String url = TestPostgres.newDatabase().jdbcUrl();
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    BookingsOnPostgres.Report first = BookingsOnPostgres.run(url, CLOCK,
        new PrintStream(text, true, StandardCharsets.UTF_8));
    assertEquals(8, first.seatsSold(), "12 residents, 8 seats, two instances");
    assertTrue(first.retrySame());
    assertEquals(2, first.ruleVersion());
    assertEquals(8, first.seenAfterRestart());
    assertEquals(8, first.notices(), "one confirmation per seat sold");
    String said = text.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("schema: installed [1, 2, 3, 4]"), said);
    assertTrue(said.contains("race: 8 of 12 accepted; seats held 8 of 8"), said);

    BookingsOnPostgres.Report again = BookingsOnPostgres.run(url, CLOCK,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(8, again.seatsSold(), "the same requests again are retries");
    assertEquals(0, again.notices(), "a retry tells nobody twice");
    assertEquals(3, again.ruleVersion(), "each run's change is one more version");
  }
}
