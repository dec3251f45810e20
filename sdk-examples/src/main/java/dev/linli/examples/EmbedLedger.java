package dev.linli.examples;

import dev.linli.points.timebank.ServiceResult;
import dev.linli.points.timebank.AwardState;
import dev.linli.points.timebank.AwardRequest;
import dev.linli.points.timebank.RedemptionRequest;
import dev.linli.points.Account;
import dev.linli.points.AccountKind;
import dev.linli.points.Ledger;
import dev.linli.points.journal.Checkpoint;
import dev.linli.points.journal.DurableLedger;
import dev.linli.points.journal.JournalVerifier;
import dev.linli.points.journal.OpenReport;
import dev.linli.points.journal.Verification;
import dev.linli.points.report.LedgerExport;
import dev.linli.points.timebank.Catalogue;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.TimeBank;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * For backend developers: the points ledger embedded in a service, durable, with no database. This
 * program does what a community centre's backend does over a day and a restart: it opens a
 * {@link DurableLedger} in a directory, puts the time bank and the redemption catalogue on it
 * (bundled {@code earning-rules.json} and {@code catalogue.json}), handles requests (an award for
 * two hours of meal delivery, a canteen lunch, a client's retry after a timeout, 200 awards from 8
 * threads at once), exports a signed checkpoint, stops, restarts, and proves the journal intact.
 * Run it twice on the same directory: the second run replays the journal and every request is
 * recognised as a retry, so no point is paid twice. Depends only on the public API of sdk-points.
 *
 * <p>Run: {@code java -cp linli.jar dev.linli.examples.EmbedLedger /tmp/centre-points}
 */
public final class EmbedLedger {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  private EmbedLedger() {}

  /**
   * Runs the example.
   *
   * @param args the journal directory (default {@code linli-points})
   * @throws Exception if the sample is missing or the journal cannot be written
   */
  public static void main(String[] args) throws Exception {
    run(Path.of(args.length > 0 ? args[0] : "linli-points"), System.out);
  }

  /**
   * Runs the example, printing to {@code out}.
   *
   * @param dir the journal directory; created if missing, replayed if it holds a journal
   * @param out where to print
   * @throws IOException if the sample data is missing
   * @throws GeneralSecurityException if the JDK has no Ed25519 (every JDK 15+ has)
   * @throws InterruptedException if interrupted while the 8 threads work
   * @throws ExecutionException if one of them fails
   */
  public static void run(Path dir, PrintStream out)
      throws IOException, GeneralSecurityException, InterruptedException, ExecutionException {
    // The embedder keeps the signing key in its key store; a fresh one does for the example.
    KeyPair centreKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Ledger.Builder settings = Ledger.builder().zone(SHANGHAI)
        .expireLots(TimeBank.POINTS, Period.ofYears(2), "points-expired");
    Checkpoint checkpoint;
    long balanceBefore;
    try (DurableLedger durable = DurableLedger.open(dir, settings)) {
      report("service starts", durable.openReport(), out);
      Ledger ledger = durable.ledger();
      TimeBank bank = timeBank(ledger);
      Catalogue catalogue = catalogue(bank);
      bank.enrol("v-chen");

      // Every request carries the client's id: retrying it after a timeout is safe.
      AwardRequest meals = new AwardRequest("award-0214-chen", "v-chen", "elderly-care",
          Duration.ofHours(2), "act-meals-0214");
      out.println("award 2 h meal delivery to v-chen: " + describe(bank.award(meals)));
      out.println("v-chen redeems a canteen lunch: "
          + describe(catalogue.redeem(RedemptionRequest.of("lunch-0214-chen", "v-chen",
              "canteen-lunch"))));
      out.println("the app retries the award after a timeout: " + describe(bank.award(meals)));

      // Many request threads at once: the ledger is thread-safe and they share each fsync.
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<ServiceResult<AwardState>>> awards = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String member = String.format(Locale.ROOT, "v-%03d", i % 40);
        String id = String.format(Locale.ROOT, "award-0214-%03d", i);
        awards.add(pool.submit(() -> {
          bank.enrol(member);
          return bank.award(new AwardRequest(id, member, "convenience", Duration.ofMinutes(30),
              "act-errands"));
        }));
      }
      int ok = 0;
      for (Future<ServiceResult<AwardState>> f : awards) {
        ok += f.get() instanceof ServiceResult.Accepted<AwardState> a && !a.retry() ? 1 : 0;
      }
      pool.shutdown();
      out.println("200 awards from 8 threads: " + ok + " new, " + (200 - ok) + " retries");

      balanceBefore = ledger.balance(TimeBank.pointsAccount("v-chen")).balance();
      out.println("v-chen: " + balanceBefore + " points; sum of all balances "
          + ledger.sumOfBalances());
      // A checkpoint kept outside the journal lets anyone prove later that nothing was edited.
      checkpoint = durable.checkpoint().sign(centreKey.getPrivate());
      out.println("signed checkpoint: " + checkpoint.records() + " records, hash "
          + checkpoint.hash().substring(0, 16) + "...");
    }

    // The process stops (or crashes) here; the next start replays the journal.
    try (DurableLedger durable = DurableLedger.open(dir, settings)) {
      report("service restarts", durable.openReport(), out);
      Ledger ledger = durable.ledger();
      long after = ledger.balance(TimeBank.pointsAccount("v-chen")).balance();
      out.println("v-chen after the restart: " + after + " points"
          + (after == balanceBefore ? " (unchanged)" : " (CHANGED!)"));
      StringBuilder hledger = new StringBuilder();
      LedgerExport.of("community:景芳", SHANGHAI).writeHledger(ledger, hledger);
      out.println("hledger export: " + hledger.length() + " characters, "
          + ledger.transferCount() + " transactions");
    }
    Verification v = JournalVerifier.verify(dir, checkpoint, centreKey.getPublic());
    out.println("offline verification against the signed checkpoint: "
        + (v.intact() ? "intact" : "BROKEN: " + v));
  }

  private static void report(String when, OpenReport r, PrintStream out) {
    out.println(when + ": " + (r.created() ? "new journal"
        : r.records() + " records (" + r.snapshotRecords() + " from a snapshot, " + r.replayed()
            + " replayed)" + r.tornTail().map(t -> ", removed a torn last record of " + t.bytes()
                + " bytes").orElse("")));
  }

  private static TimeBank timeBank(Ledger ledger) throws IOException {
    try (InputStream in = sample("earning-rules.json")) {
      return TimeBank.builder(ledger, EarningRules.parse(in, "earning-rules.json"))
          .pool("pool-jingfang").build();
    }
  }

  private static Catalogue catalogue(TimeBank bank) throws IOException {
    for (String merchant : List.of("jf-canteen", "jf-barber", "jf-rooftop-farm")) {
      bank.ledger().createAccount(new Account(merchant, TimeBank.POINTS, AccountKind.MERCHANT, 0,
          false, ""));
    }
    try (InputStream in = sample("catalogue.json")) {
      return Catalogue.of(bank, Catalogue.parse(in, "catalogue.json"));
    }
  }

  private static String describe(ServiceResult<?> r) {
    if (r instanceof ServiceResult.Accepted<?> a) {
      return a.state() + (a.retry() ? " before, nothing new" : "") + ", transfers "
          + a.transfers().stream().map(t -> t.id()).toList();
    }
    return "rejected: " + r.message();
  }

  private static InputStream sample(String name) throws IOException {
    InputStream in = EmbedLedger.class.getResourceAsStream("/sample/hangzhou-seed/" + name);
    if (in == null) {
      throw new IOException("the sample data is missing from the jar: " + name);
    }
    return in;
  }
}
