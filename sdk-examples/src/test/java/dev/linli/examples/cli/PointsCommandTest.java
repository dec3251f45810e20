package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.linli.points.Ledger;
import dev.linli.points.journal.DurableLedger;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointsCommandTest {
  private static final Pattern DIGEST = Pattern.compile("digest +([0-9a-f]{64})");

  @TempDir Path dir;

  private static String digest(String out) {
    Matcher m = DIGEST.matcher(out);
    assertTrue(m.find(), out);
    return m.group(1);
  }

  /** The same seed gives the same ledger, through a journal or not. */
  static Ledger inMemory(long seed, long ops) {
    StepClock clock = PointsSimulation.clock();
    Ledger ledger = Ledger.builder().clock(clock).zone(PointsSimulation.ZONE)
        .expireLots("points", PointsSimulation.LIFETIME, PointsSimulation.SINK).build();
    PointsSimulation sim = new PointsSimulation(seed, clock);
    sim.open(ledger, PointsSimulation.members(ops));
    for (long i = 0; i < ops; i++) {
      sim.step(ledger);
    }
    return ledger;
  }

  @Test
  void simulate_isReproducible_andEqualsTheInMemoryRun() {
    LinliCommandTest.Run a = LinliCommandTest.run("points", "simulate", "--seed", "5", "--ops",
        "4000", "--journal", dir.resolve("a").toString(), "--durability", "NONE");
    LinliCommandTest.Run b = LinliCommandTest.run("points", "simulate", "--seed", "5", "--ops",
        "4000", "--journal", dir.resolve("b").toString());
    assertEquals(0, a.code(), a.err());
    assertEquals(0, b.code(), b.err());
    assertTrue(a.out().contains("sum          {points=0}"), a.out());
    assertEquals(digest(a.out()), digest(b.out()));
    assertEquals(digest(a.out()), PointsSimulation.digest(inMemory(5, 4000)));
    assertEquals(inMemory(5, 4000).transfers(), DurableLedger.readOnly(dir.resolve("a"))
        .transfers());
    assertTrue(!digest(a.out()).equals(PointsSimulation.digest(inMemory(6, 4000))));
  }

  @Test
  void simulate_intoAnExistingJournal_refused() {
    String j = dir.resolve("j").toString();
    assertEquals(0, LinliCommandTest.run("points", "simulate", "--seed", "1", "--ops", "10",
        "--journal", j, "--durability", "NONE").code());
    LinliCommandTest.Run again = LinliCommandTest.run("points", "simulate", "--seed", "1",
        "--ops", "10", "--journal", j);
    assertEquals(2, again.code());
    assertTrue(again.err().contains("must be a new or empty directory"), again.err());
  }

  private Path simulated(String name, int ops) {
    Path j = dir.resolve(name);
    assertEquals(0, LinliCommandTest.run("points", "simulate", "--seed", "9", "--ops",
        String.valueOf(ops), "--journal", j.toString(), "--durability", "NONE").code());
    return j;
  }

  private static Path segment(Path journal) throws IOException {
    try (Stream<Path> files = Files.list(journal)) {
      return files.filter(f -> f.toString().endsWith(".journal")).findFirst().orElseThrow();
    }
  }

  @Test
  void verify_intact_thenAFlippedByte_exitsOneNamingTheRecord() throws IOException {
    Path j = simulated("j", 2000);
    LinliCommandTest.Run ok = LinliCommandTest.run("points", "verify", j.toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.out().startsWith("intact: "), ok.out());
    try (RandomAccessFile f = new RandomAccessFile(segment(j).toFile(), "rw")) {
      long at = f.length() / 2;
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x10);
    }
    LinliCommandTest.Run bad = LinliCommandTest.run("points", "verify", j.toString());
    assertEquals(PointsCommand.EXIT_BROKEN, bad.code());
    assertTrue(bad.err().matches("broken: record \\d+ in .*\\.journal at byte \\d+: .*\\n"),
        bad.err());
  }

  @Test
  void verify_lastRecordDamaged_exitsThreeNamingRecordOffsetAndTransfers() throws IOException {
    Path j = simulated("j", 500);
    Path seg = segment(j);
    long size = Files.size(seg);
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      long at = size - 40; // inside the last record's payload, before its 32-byte hash
      f.seek(at);
      int b = f.read();
      f.seek(at);
      f.write(b ^ 0x01);
    }
    LinliCommandTest.Run v = LinliCommandTest.run("points", "verify", j.toString());
    assertEquals(PointsCommand.EXIT_DAMAGED_END, v.code(), v.out() + v.err());
    assertTrue(v.err().matches("(?s)damaged end:"
        + " record \\d+ at byte \\d+ of .*\\.journal \\(\\d+ bytes, (\\d+|an unknown number of)"
        + " transfers?\\): CRC32C mismatch.*"), v.err());
    assertTrue(v.out().contains("note: without a checkpoint the check cannot detect"), v.out());
    LinliCommandTest.Run cp = LinliCommandTest.run("points", "checkpoint", j.toString());
    assertEquals(PointsCommand.EXIT_BROKEN, cp.code(), "no checkpoint of a damaged journal");
  }

  @Test
  void verify_missingDirectory_isBadUsage() {
    LinliCommandTest.Run v = LinliCommandTest.run("points", "verify",
        dir.resolve("nowhere").toString());
    assertEquals(2, v.code(), v.err());
    assertTrue(v.err().contains("must be an existing journal directory"), v.err());
  }

  @Test
  void signedCheckpoint_verifiesWithItsKey_notWithAnother_andCatchesAnAppendedRecord()
      throws IOException {
    Path j = simulated("j", 1000);
    Path keys = dir.resolve("centre");
    Path other = dir.resolve("other");
    assertEquals(0, LinliCommandTest.run("points", "keygen", keys.toString()).code());
    assertEquals(0, LinliCommandTest.run("points", "keygen", other.toString()).code());
    assertEquals(2, LinliCommandTest.run("points", "keygen", keys.toString()).code(),
        "never overwrites a key");
    LinliCommandTest.Run cp = LinliCommandTest.run("points", "checkpoint", j.toString(),
        "--private-key", keys + ".key");
    assertEquals(0, cp.code(), cp.err());
    Path cpFile = dir.resolve("cp.txt");
    Files.writeString(cpFile, cp.out());
    assertEquals(0, LinliCommandTest.run("points", "verify", j.toString(), "--checkpoint",
        cpFile.toString(), "--public-key", keys + ".pub").code());
    LinliCommandTest.Run wrongKey = LinliCommandTest.run("points", "verify", j.toString(),
        "--checkpoint", cpFile.toString(), "--public-key", other + ".pub");
    assertEquals(1, wrongKey.code());
    assertTrue(wrongKey.err().contains("not validly signed"), wrongKey.err());
    // More records after the checkpoint are fine: the checkpoint covers a prefix.
    try (DurableLedger d = DurableLedger.open(j, dev.linli.points.journal.JournalOptions
        .defaults())) {
      d.ledger().submit(dev.linli.points.TransferRequest.of("later", "pool", "M0001", 5,
          "elderly-care"));
    }
    assertEquals(0, LinliCommandTest.run("points", "verify", j.toString(), "--checkpoint",
        cpFile.toString(), "--public-key", keys + ".pub").code());
    LinliCommandTest.Run noCheckpoint = LinliCommandTest.run("points", "verify", j.toString(),
        "--public-key", keys + ".pub");
    assertEquals(2, noCheckpoint.code());
    assertTrue(noCheckpoint.err().contains("needs --checkpoint"), noCheckpoint.err());
  }

  @Test
  void balances_textCsvJson_andAsOf() throws IOException {
    Path j = simulated("j", 3000);
    Ledger ledger = DurableLedger.readOnly(j);
    long m1 = ledger.balance("M0001").balance();
    LinliCommandTest.Run text = LinliCommandTest.run("points", "balances", j.toString());
    assertTrue(text.out().matches("(?s).*\\n  M0001 +member +points +" + m1 + " .*"), text.out());
    assertTrue(text.out().contains("sum of balances: {points=0}"), text.out());
    LinliCommandTest.Run csv = LinliCommandTest.run("points", "balances", j.toString(),
        "--format", "csv");
    assertTrue(csv.out().startsWith("account,kind,asset,balance,"), csv.out());
    assertTrue(csv.out().contains("\nM0001,member,points," + m1 + ","), csv.out());
    LinliCommandTest.Run json = LinliCommandTest.run("points", "balances", j.toString(),
        "--format", "json", "--as-of", "2026-01-01T00:00:00Z");
    assertTrue(json.out().contains("\"asOf\" : \"2026-01-01T00:00:00Z\""), json.out());
    assertTrue(json.out().contains("\"account\" : \"M0001\""), json.out());
    com.fasterxml.jackson.databind.JsonNode accounts = new com.fasterxml.jackson.databind
        .ObjectMapper().readTree(json.out()).get("accounts");
    assertEquals(ledger.accounts().size(), accounts.size());
    for (com.fasterxml.jackson.databind.JsonNode a : accounts) {
      assertEquals(0, a.get("balance").asLong(-1), "nothing earned before the start: " + a);
    }
    LinliCommandTest.Run bad = LinliCommandTest.run("points", "balances", j.toString(),
        "--as-of", "yesterday");
    assertEquals(2, bad.code());
    assertEquals("linli balances: --as-of = yesterday: must be an ISO-8601 instant such as"
        + " 2026-06-30T16:00:00Z\n", bad.err());
    LinliCommandTest.Run noJournal = LinliCommandTest.run("points", "balances",
        dir.resolve("nothing").toString());
    assertEquals(2, noJournal.code());
    assertTrue(noJournal.err().contains("there is no journal here"), noJournal.err());
  }

  @Test
  void export_hledgerCsvAndStatement() throws IOException, InterruptedException {
    Path j = simulated("j", 1500);
    Ledger ledger = DurableLedger.readOnly(j);
    Path out = dir.resolve("x.journal");
    assertEquals(0, LinliCommandTest.run("points", "export", j.toString(), "--format", "hledger",
        "--out", out.toString()).code());
    String hledger = Files.readString(out);
    assertTrue(hledger.startsWith("; Linli ledger export: " + ledger.transferCount()
        + " transfers"), hledger.substring(0, 80));
    assertTrue(hledger.contains("    community:景芳:member:M0001  "), "default prefix");
    LinliCommandTest.Run csv = LinliCommandTest.run("points", "export", j.toString(), "--format",
        "csv");
    List<String> rows = csv.out().lines().toList();
    assertEquals(ledger.transferCount() + 1, rows.size());
    LinliCommandTest.Run statement = LinliCommandTest.run("points", "export", j.toString(),
        "--format", "csv", "--account", "M0001");
    assertTrue(statement.out().startsWith("time,transfer,code,counterparty,amount,balance"),
        statement.out());
    assertTrue(statement.out().strip().endsWith(",closing,,," + ledger.balance("M0001").balance()
        + ",,"), statement.out());
    assertEquals(2, LinliCommandTest.run("points", "export", j.toString(), "--format", "xml")
        .code());
    assertEquals(2, LinliCommandTest.run("points", "export", j.toString(), "--format", "csv",
        "--account", "nobody").code());
    LinliCommandTest.Run forged = LinliCommandTest.run("points", "export", j.toString(),
        "--format", "hledger", "--prefix", "centre\n2026-01-01 forged");
    assertEquals(2, forged.code(), "a newline would start a transaction of its own");
    assertTrue(forged.err().contains("control character"), forged.err());
    if (onPath("hledger")) {
      Process p = new ProcessBuilder("hledger", "-f", out.toString(), "check", "--strict")
          .redirectErrorStream(true).start();
      String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), said);
    }
  }

  private static boolean onPath(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void keygen_privateKeyReadableByItsOwnerOnly() throws IOException {
    Path keys = dir.resolve("centre");
    assertEquals(0, LinliCommandTest.run("points", "keygen", keys.toString()).code());
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    assertEquals(PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(Path.of(keys + ".key")));
  }
}
