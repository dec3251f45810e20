package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code linli points … --db}: two simulate processes with different seeds at once on one
 * PostgreSQL database, sharing the member accounts; afterwards every asset sums to zero, no member
 * is negative, verify is intact (also against a signed checkpoint, and not after tampering), and
 * the hledger export's balances equal {@code balances}.
 */
class PointsDatabaseCommandTest {
  private static final Pattern POSTING = Pattern.compile(
      "^\\s+(\\S+)\\s+(-?\\d+) points\\s*$", Pattern.MULTILINE);

  @TempDir Path dir;

  private static Process simulate(String url, long seed) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LinliCommand.class.getName(), "points", "simulate", "--seed", String.valueOf(seed),
        "--ops", "800", "--db", url).redirectErrorStream(true).start();
  }

  @Test
  void twoSimulationsAtOnce_thenBalancesVerifyAndExportAgree() throws Exception {
    TestPostgres db = TestPostgres.newDatabase();
    String url = db.jdbcUrl();
    Process a = simulate(url, 1);
    Process b = simulate(url, 2);
    String outA = new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String outB = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(a.waitFor(5, TimeUnit.MINUTES) && b.waitFor(1, TimeUnit.MINUTES));
    assertEquals(0, a.exitValue(), outA);
    assertEquals(0, b.exitValue(), outB);

    LinliCommandTest.Run balances = LinliCommandTest.run("points", "balances", "--db", url,
        "--format", "csv");
    assertEquals(0, balances.code(), balances.err());
    Map<String, Long> byAccount = new HashMap<>();
    long sum = 0;
    for (String line : balances.out().strip().split("\n")) {
      String[] f = line.split(",");
      if (f[0].equals("account")) {
        continue;
      }
      long balance = Long.parseLong(f[3]);
      byAccount.put(f[0], balance);
      sum += balance;
      if (f[1].equals("member")) {
        assertTrue(balance >= 0, line);
      }
    }
    assertEquals(0, sum, "points sum to zero");
    long shared = byAccount.keySet().stream().filter(k -> k.startsWith("M")).count();
    assertEquals(10, shared, "both runs used the same member accounts");
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
        var r = s.executeQuery("SELECT count(*) FILTER (WHERE id LIKE 's1-%'),"
            + " count(*) FILTER (WHERE id LIKE 's2-%') FROM linli_ledger_transfers")) {
      r.next();
      assertTrue(r.getLong(1) > 200 && r.getLong(2) > 200, "both runs wrote transfers");
    }

    LinliCommandTest.Run verify = LinliCommandTest.run("points", "verify", "--db", url);
    assertEquals(0, verify.code(), verify.err());
    assertTrue(verify.out().startsWith("intact: "), verify.out());

    LinliCommandTest.Run export = LinliCommandTest.run("points", "export", "--db", url,
        "--format", "hledger", "--prefix", "c");
    assertEquals(0, export.code(), export.err());
    Map<String, Long> fromExport = new HashMap<>();
    Matcher m = POSTING.matcher(export.out());
    while (m.find()) {
      String name = m.group(1);
      fromExport.merge(name.substring(name.lastIndexOf(':') + 1), Long.parseLong(m.group(2)),
          Long::sum);
    }
    Map<String, Long> nonZero = new HashMap<>();
    byAccount.forEach((k, v) -> {
      if (v != 0) {
        nonZero.put(k, v);
      }
    });
    fromExport.values().removeIf(v -> v == 0);
    assertEquals(nonZero, fromExport, "hledger balances equal points balances");

    // A signed checkpoint, then a rewrite: verify names it.
    assertEquals(0, LinliCommandTest.run("points", "keygen", dir.resolve("k").toString()).code());
    LinliCommandTest.Run cp = LinliCommandTest.run("points", "checkpoint", "--db", url,
        "--private-key", dir.resolve("k.key").toString());
    assertEquals(0, cp.code(), cp.err());
    Path cpFile = dir.resolve("cp.txt");
    Files.writeString(cpFile, cp.out());
    List<String> args = new ArrayList<>(List.of("points", "verify", "--db", url, "--checkpoint",
        cpFile.toString(), "--public-key", dir.resolve("k.pub").toString()));
    assertEquals(0, LinliCommandTest.run(args.toArray(String[]::new)).code());
    try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("ALTER TABLE linli_ledger_transfers DISABLE TRIGGER USER");
      s.execute("UPDATE linli_ledger_transfers SET amount = amount + 1 WHERE seq = 5");
    }
    LinliCommandTest.Run broken = LinliCommandTest.run(args.toArray(String[]::new));
    assertEquals(PointsCommand.EXIT_BROKEN, broken.code());
    assertTrue(broken.err().contains("seq 5"), broken.err());
  }

  @Test
  void bothJournalAndDatabase_refused() {
    LinliCommandTest.Run r = LinliCommandTest.run("points", "balances", "somewhere", "--db",
        "jdbc:postgresql://localhost/x");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("exactly one"), r.err());
  }
}
