package dev.linli.points.report;

import dev.linli.core.InvalidValueException;
import dev.linli.core.testing.MutableClock;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.LedgerWorkload;
import dev.linli.points.TransferRequest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;


class LedgerExportTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Pattern POSTING =
      Pattern.compile("^    (\\S(?:.*\\S)?)  (-?\\d+) (\"[^\"]+\"|\\p{L}+)$");

  /** A small ledger with the awkward cases: a ':' in an id, a hyphenated asset, a reversal. */
  private static Ledger awkwardLedger() {
    MutableClock clock = MutableClock.at("2026-02-14T15:59:00Z"); // 23:59 in Shanghai
    Ledger ledger = Ledger.create(clock);
    ledger.createAccount(Account.unlimited("pool", "points", AccountKind.COMMUNITY_POOL));
    ledger.createAccount(Account.member("member:M001", "points"));
    ledger.createAccount(new Account("canteen", "points", AccountKind.MERCHANT, 0, false, ""));
    ledger.createAccount(Account.unlimited("minutes-issuer", "service-minutes",
        AccountKind.ISSUER));
    ledger.createAccount(Account.member("M001-minutes", "service-minutes"));
    ledger.submit(new TransferRequest("t1", "pool", "member:M001", 120, "elderly-care",
        "送餐; 2 hours\nnext line", null, "G7"));
    clock.advance(Duration.ofMinutes(2)); // past midnight in Shanghai: the next day
    ledger.submit(TransferRequest.of("t2", "member:M001", "canteen", 30, "redemption"));
    ledger.submit(new TransferRequest("t3", "canteen", "member:M001", 30, "refund", "", "t2",
        null));
    ledger.submit(TransferRequest.of("t4", "minutes-issuer", "M001-minutes", 120, "service"));
    return ledger;
  }

  @Test
  void hledger_oneBalancedTransactionPerTransfer_sumsPerAccountEqualLinliBalances() {
    Ledger ledger = awkwardLedger();
    StringBuilder out = new StringBuilder();
    LedgerExport export = LedgerExport.of("community:景芳", SHANGHAI);
    export.writeHledger(ledger, out);
    String text = out.toString();

    assertTrue(text.contains("\n2026-02-14 elderly-care | 送餐, 2 hours next line  ; id:t1, "
        + "time:2026-02-14T23:59+08:00, operator:G7\n"), text);
    assertTrue(text.contains("\n2026-02-15 refund  ; id:t3, "
        + "time:2026-02-15T00:01:00.000000001+08:00, reverses:t2\n"), text);
    assertTrue(text.contains("    community:景芳:member:member/M001  120 points\n"), text);
    assertTrue(text.contains("    community:景芳:issuer:minutes-issuer  -120 \"service-minutes\""),
        text);
    Map<String, Long> sums = postingSums(text, 4);
    for (Account a : ledger.accounts()) {
      assertEquals(ledger.balance(a.id()).balance(), sums.getOrDefault(export.accountName(a), 0L),
          a.id());
    }
  }

  @Test
  void hledger_busyLedgerWithExpiry_sumsEqualBalances() {
    LedgerWorkload w = new LedgerWorkload(7, 40);
    for (int i = 0; i < 5_000; i++) {
      w.step();
    }
    StringBuilder out = new StringBuilder();
    LedgerExport export = LedgerExport.of("linli", SHANGHAI);
    export.writeHledger(w.ledger, out);
    Map<String, Long> sums = postingSums(out.toString(), w.ledger.transferCount());
    for (Account a : w.ledger.accounts()) {
      assertEquals(w.ledger.balance(a.id()).balance(),
          sums.getOrDefault(export.accountName(a), 0L), a.id());
    }
  }

  /** What {@code hledger bal} adds up, computed here; also checks every transaction is balanced. */
  private static Map<String, Long> postingSums(String journal, int transactions) {
    Map<String, Long> sums = new HashMap<>();
    int count = 0;
    long open = 0;
    for (String line : journal.split("\n")) {
      if (line.isEmpty()) {
        assertEquals(0, open, "the previous transaction must balance");
        continue;
      }
      if (!line.startsWith("    ")) {
        if (Character.isDigit(line.charAt(0))) {
          count++;
        }
        continue;
      }
      Matcher m = POSTING.matcher(line);
      assertTrue(m.matches(), line);
      long amount = Long.parseLong(m.group(2));
      open += amount;
      sums.merge(m.group(1), amount, Long::sum);
    }
    assertEquals(0, open);
    assertEquals(transactions, count);
    return sums;
  }

  /** The real thing, where hledger is installed (Debian: apt-get install hledger). */
  @Test
  void hledgerBal_ofTheExport_equalsLinliBalances(@TempDir Path dir)
      throws IOException, InterruptedException {
    assumeTrue(onPath("hledger"), "hledger is not installed");
    LedgerWorkload w = new LedgerWorkload(11, 25);
    for (int i = 0; i < 2_000; i++) {
      w.step();
    }
    Ledger ledger = awkwardLedger();
    Path file = dir.resolve("linli.journal");
    StringBuilder text = new StringBuilder();
    LedgerExport export = LedgerExport.of("community:景芳", SHANGHAI);
    export.writeHledger(w.ledger, text);
    LedgerExport second = LedgerExport.of("community:景芳:centre", SHANGHAI);
    second.writeHledger(ledger, text);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Process p = new ProcessBuilder("hledger", "-f", file.toString(), "bal", "--flat", "-E",
        "-N", "-O", "csv").redirectErrorStream(true).start();
    String csv = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), csv);
    Map<String, String> hledger = new HashMap<>();
    for (String row : csv.strip().split("\r?\n")) {
      String[] cells = row.split("\",\"");
      hledger.put(cells[0].replace("\"", ""), cells[1].replace("\"", "").strip());
    }
    for (Account a : w.ledger.accounts()) {
      assertEquals(amount(w.ledger.balance(a.id()).balance(), a.asset()),
          hledger.get(export.accountName(a)), a.id());
    }
    for (Account a : ledger.accounts()) {
      assertEquals(amount(ledger.balance(a.id()).balance(), a.asset()),
          hledger.get(second.accountName(a)), a.id());
    }
  }

  /** hledger's strict check: every account and commodity declared, every transaction balanced. */
  @Test
  void hledgerCheckStrict_passesOnTheExport(@TempDir Path dir)
      throws IOException, InterruptedException {
    assumeTrue(onPath("hledger"), "hledger is not installed");
    LedgerWorkload w = new LedgerWorkload(12, 25);
    for (int i = 0; i < 1_000; i++) {
      w.step();
    }
    for (Ledger ledger : List.of(w.ledger, awkwardLedger())) {
      Path file = dir.resolve("strict.journal");
      StringBuilder text = new StringBuilder();
      LedgerExport.of("community:景芳", SHANGHAI).writeHledger(ledger, text);
      Files.writeString(file, text, StandardCharsets.UTF_8);
      Process p = new ProcessBuilder("hledger", "-f", file.toString(), "check", "--strict")
          .redirectErrorStream(true).start();
      String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), said);
    }
  }

  private static String amount(long balance, String asset) {
    if (balance == 0) {
      return "0";
    }
    // hledger's CSV report shows commodities unquoted.
    return balance + " " + asset;
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
  void transfersCsv_everyTransferInOrder_withTimesInTheZone() {
    StringBuilder out = new StringBuilder();
    LedgerExport.of("linli", SHANGHAI).writeTransfersCsv(awkwardLedger(), out);
    List<String> lines = out.toString().lines().toList();
    assertEquals("id,time,debit_account,credit_account,amount,asset,code,reverses,operator,"
        + "user_data", lines.get(0));
    assertEquals("t1,2026-02-14T23:59+08:00,pool,member:M001,120,points,elderly-care,,G7,"
        + "\"送餐; 2 hours", lines.get(1));
    assertTrue(lines.get(4).startsWith("t3,2026-02-15T00:01:00.000000001+08:00,canteen,member:M001,30,points,"
        + "refund,t2,,"), lines.get(4));
  }

  @Test
  void balancesCsv_nowAndAsOfBeforeTheRefund() {
    Ledger ledger = awkwardLedger();
    StringBuilder now = new StringBuilder();
    StringBuilder before = new StringBuilder();
    LedgerExport export = LedgerExport.of("linli", SHANGHAI);
    export.writeBalancesCsv(ledger, null, now);
    Instant redemption = ledger.find("t2").orElseThrow().timestamp();
    export.writeBalancesCsv(ledger, redemption, before);
    assertTrue(now.toString().contains("\nmember:M001,member,points,120,30,150,0,0\n"), now.toString());
    assertTrue(before.toString().contains("\nmember:M001,member,points,90,30,120,0,0\n"), before.toString());
  }

  @Test
  void prefix_thatWouldBreakAccountNames_rejectedWithTheRule() {
    for (String bad : new String[] {"", "a::b", "a:", ":a", "a;b", "a\tb", "a  b", "a\nb",
        "a\r\n2026-01-01 forged", "a\u0000b", "a\u007fb", "a\u0085b"}) {
      InvalidValueException e = assertThrows(InvalidValueException.class,
          () -> LedgerExport.of(bad, SHANGHAI), bad);
      assertTrue(e.getMessage().contains("prefix"), e.getMessage());
    }
    assertFalse(LedgerExport.of("community:景芳 centre", SHANGHAI).accountName(
        Account.member("a:b:c", "points")).contains("a:b"));
  }
}
