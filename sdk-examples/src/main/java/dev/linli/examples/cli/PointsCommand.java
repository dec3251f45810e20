package dev.linli.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.InvalidValueException;
import dev.linli.core.LinliIoException;
import dev.linli.points.Account;
import dev.linli.points.Balance;
import dev.linli.points.Ledger;
import dev.linli.points.PostgresLedger;
import dev.linli.points.journal.Checkpoint;
import dev.linli.points.journal.Durability;
import dev.linli.points.journal.DurableLedger;
import dev.linli.points.journal.JournalOptions;
import dev.linli.points.journal.Verification;
import dev.linli.points.report.LedgerExport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code linli points}: a durable points ledger's journal, from the command line. */
@Command(name = "points", mixinStandardHelpOptions = true,
    description = "Durable points ledger (共富积分): simulate, verify, balances, export.",
    subcommands = {PointsCommand.Simulate.class, PointsCommand.Verify.class,
        PointsCommand.Balances.class, PointsCommand.Export.class, PointsCommand.Checkpoints.class,
        PointsCommand.Keygen.class})
final class PointsCommand implements Runnable {
  /** Exit code of {@code verify} when the journal is damaged or does not match the checkpoint. */
  static final int EXIT_BROKEN = 1;
  /**
   * Exit code of {@code verify} when every record is intact but the last, which is torn or
   * damaged (a crash during a write, or damage since: the bytes cannot tell which).
   */
  static final int EXIT_DAMAGED_END = 3;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static PrintWriter out(CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  /** {@code points simulate}. */
  @Command(name = "simulate", mixinStandardHelpOptions = true,
      description = "Run a reproducible random workload (earn, redeem, gift, donate, holds,"
          + " reversals, expiry) against a durable ledger and print the balances digest.")
  static final class Simulate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seed", required = true, description = "Random seed.")
    long seed;

    @Option(names = "--ops", required = true, description = "Number of operations.")
    long ops;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Journal directory; must be new or empty.")
    Path journal;

    @Option(names = "--db", paramLabel = "JDBC_URL",
        description = "Instead of a journal: a PostgreSQL ledger (schema installed if missing),"
            + " such as jdbc:postgresql://localhost/linli?user=linli. Transfer ids start with"
            + " s<SEED>-, so runs with other seeds can share the database and its members.")
    String db;

    @Option(names = "--durability", defaultValue = "FSYNC_EVERY_BATCH",
        description = "FSYNC_EVERY_BATCH, FSYNC_EVERY_N_MS or NONE (default: ${DEFAULT-VALUE}).")
    Durability durability;

    @Option(names = "--snapshot-every", defaultValue = "1000000", paramLabel = "RECORDS",
        description = "Snapshot in the background every RECORDS journal records; 0: never"
            + " (default: ${DEFAULT-VALUE}).")
    long snapshotEvery;

    @Option(names = "--progress", defaultValue = "0", paramLabel = "N",
        description = "Print 'acknowledged OPS TRANSFERS' after every N operations (0: never).")
    long progress;

    @Override
    public Integer call() {
      InvalidValueException.check(ops >= 0, "--ops", ops, "must be >= 0");
      InvalidValueException.check(progress >= 0, "--progress", progress, "must be >= 0");
      InvalidValueException.check((journal == null) != (db == null), "--journal", journal,
          "give exactly one of --journal DIR and --db JDBC_URL");
      if (db != null) {
        return simulateInDatabase();
      }
      StepClock clock = PointsSimulation.clock();
      PointsSimulation sim = new PointsSimulation(seed, clock);
      long started = System.nanoTime();
      PrintWriter out = out(spec);
      try (DurableLedger durable = DurableLedger.open(journal, Ledger.builder()
          .clock(clock).zone(PointsSimulation.ZONE)
          .expireLots("points", PointsSimulation.LIFETIME, PointsSimulation.SINK),
          JournalOptions.builder().durability(durability).flushInterval(Duration.ofMillis(5))
          .snapshotEvery(snapshotEvery).build())) {
        if (!durable.openReport().created()) {
          throw new InvalidValueException("--journal", journal.toString(),
              "must be a new or empty directory: it already holds a journal of "
              + durable.openReport().records() + " records (use points verify or balances on it)");
        }
        Ledger ledger = durable.ledger();
        sim.open(ledger, PointsSimulation.members(ops));
        for (long i = 1; i <= ops; i++) {
          sim.step(ledger);
          if (progress > 0 && i % progress == 0) {
            out.println("acknowledged " + i + " " + ledger.transferCount());
            out.flush();
          }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Checkpoint checkpoint = durable.checkpoint();
        out.printf(Locale.ROOT, "operations   %d (%d rejected by the ledger's rules)%n", ops,
            sim.rejected());
        out.printf(Locale.ROOT, "transfers    %d in %.1f s, %s%n", ledger.transferCount(),
            seconds, durability);
        out.printf(Locale.ROOT, "sum          %s%n", ledger.sumOfBalances());
        out.printf(Locale.ROOT, "digest       %s%n", PointsSimulation.digest(ledger));
        out.printf(Locale.ROOT, "checkpoint   %s%n", checkpoint);
        durable.lastSnapshotFailure().ifPresent(e -> out.println("note: " + e.getMessage()));
      }
      return 0;
    }

    private int simulateInDatabase() {
      StepClock clock = PointsSimulation.clock();
      PointsSimulation sim = new PointsSimulation(seed, clock, "s" + seed + "-");
      long started = System.nanoTime();
      PrintWriter out = out(spec);
      try (Database database = Database.open(db, 2)) {
        PostgresLedger.installSchema(database.source());
        Ledger ledger = PostgresLedger.open(database.source(), Ledger.builder()
            .clock(clock).zone(PointsSimulation.ZONE)
            .expireLots("points", PointsSimulation.LIFETIME, PointsSimulation.SINK)).ledger();
        sim.open(ledger, PointsSimulation.members(ops));
        for (long i = 1; i <= ops; i++) {
          sim.step(ledger);
          if (progress > 0 && i % progress == 0) {
            out.println("acknowledged " + i);
            out.flush();
          }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "operations   %d (%d rejected by the ledger's rules) in %.1f s%n",
            ops, sim.rejected(), seconds);
        out.printf(Locale.ROOT, "transfers    %d in the database (all runs)%n",
            ledger.transferCount());
        out.printf(Locale.ROOT, "sum          %s%n", ledger.sumOfBalances());
      }
      return 0;
    }
  }

  /** {@code points verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check a journal offline (CRC32C, SHA-256 chain, every record applies, the"
          + " snapshots opening would load), and optionally against a checkpoint. Exit 0 if every"
          + " record is intact; 3 if the journal ends in a torn or damaged record; 1 naming the"
          + " first bad record anywhere else; 2 for bad usage.")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LedgerSource source;

    @Option(names = "--checkpoint", paramLabel = "FILE",
        description = "A checkpoint line written by 'points checkpoint' or DurableLedger.")
    Path checkpoint;

    @Option(names = "--public-key", paramLabel = "FILE",
        description = "Ed25519 public key (from 'points keygen') the checkpoint must be signed"
            + " with.")
    Path publicKey;

    @Override
    public Integer call() throws IOException {
      InvalidValueException.check(publicKey == null || checkpoint != null, "--public-key",
          publicKey, "needs --checkpoint: the key checks the checkpoint's signature");
      source.checkVerifiable();
      Checkpoint cp = checkpoint == null ? null : readCheckpoint(checkpoint);
      PublicKey key = publicKey == null ? null : Keys.readPublic(publicKey);
      PrintWriter out = out(spec);
      Verification v = source.verify(cp, key);
      PrintWriter err = spec.commandLine().getErr();
      String matches = cp == null ? "" : ", matches the checkpoint of " + cp.time()
          + (key == null ? "" : " signed by the given key");
      int exit;
      java.util.List<String> notes;
      if (v instanceof Verification.Intact ok) {
        out.println("intact: " + ok.records() + " " + source.unit() + ", last chain hash "
            + ok.lastHash() + matches);
        notes = ok.notes();
        exit = 0;
      } else if (v instanceof Verification.DamagedEnd d) {
        out.println("intact up to the last record: " + d.records() + " records, last chain hash "
            + d.lastHash() + matches);
        err.println("damaged end: " + d.tail());
        err.println("  a crash during a write leaves such a record (never acknowledged); damage"
            + " to a complete record looks the same (then an acknowledged change is lost)."
            + " Opening the ledger removes it.");
        notes = d.notes();
        exit = EXIT_DAMAGED_END;
      } else {
        err.println("broken: " + v);
        notes = java.util.List.of();
        exit = EXIT_BROKEN;
      }
      for (String note : notes) {
        out.println("note: " + note);
      }
      out.flush();
      err.flush();
      return exit;
    }
  }

  private static Checkpoint readCheckpoint(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    try {
      return Checkpoint.parse(text);
    } catch (InvalidValueException e) {
      throw new InvalidValueException("--checkpoint", file.toString(),
          "must hold one checkpoint line: " + e.getMessage());
    }
  }

  /** {@code points balances}. */
  @Command(name = "balances", mixinStandardHelpOptions = true,
      description = "Every account's balance, now or as of an instant (reads the journal without"
          + " locking it).")
  static final class Balances implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LedgerSource source;

    @Option(names = "--as-of", paramLabel = "ISO-INSTANT",
        description = "Balances as of this instant, such as 2026-06-30T16:00:00Z.")
    String asOf;

    @Option(names = "--format", defaultValue = "text",
        description = "text, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
      Instant at = asOf == null ? null : instant(asOf);
      checkFormat(format, "text", "csv", "json");
      return source.read(ledger -> print(ledger, at));
    }

    private int print(Ledger ledger, Instant at) {
      PrintWriter out = out(spec);
      switch (format) {
        case "csv" -> LedgerExport.of("linli", PointsSimulation.ZONE)
            .writeBalancesCsv(ledger, at, out);
        case "json" -> out.println(balancesJson(ledger, at));
        default -> {
          TextTable table = new TextTable("account", "kind", "asset", "balance", "pending out",
              "pending in");
          for (Map.Entry<Account, Balance> e : balances(ledger, at)) {
            Account a = e.getKey();
            Balance b = e.getValue();
            table.row(a.id(), a.kind().name().toLowerCase(Locale.ROOT), a.asset(), b.balance(),
                b.debitsPending(), b.creditsPending());
          }
          out.print(table.render());
          out.println("sum of balances: " + ledger.sumOfBalances()
              + (at == null ? "" : " (now); balances as of " + at));
        }
      }
      out.flush();
      return 0;
    }
  }

  /** Every account with its balance now ({@code at} null) or as of {@code at}, by account id. */
  private static java.util.List<Map.Entry<Account, Balance>> balances(Ledger ledger, Instant at) {
    java.util.List<Map.Entry<Account, Balance>> out = new java.util.ArrayList<>();
    for (Account a : ledger.accounts()) {
      out.add(Map.entry(a, at == null ? ledger.balance(a.id()) : ledger.balanceAsOf(a.id(), at)));
    }
    return out;
  }

  private static String balancesJson(Ledger ledger, Instant at) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("asOf", at == null ? null : at.toString());
    ArrayNode accounts = root.putArray("accounts");
    for (Map.Entry<Account, Balance> e : balances(ledger, at)) {
      Account a = e.getKey();
      Balance b = e.getValue();
      accounts.addObject().put("account", a.id())
          .put("kind", a.kind().name().toLowerCase(Locale.ROOT)).put("asset", a.asset())
          .put("balance", b.balance()).put("debits", b.debits()).put("credits", b.credits())
          .put("debitsPending", b.debitsPending()).put("creditsPending", b.creditsPending());
    }
    ObjectNode sums = root.putObject("sumOfBalances");
    for (Map.Entry<String, Long> e : ledger.sumOfBalances().entrySet()) {
      sums.put(e.getKey(), e.getValue());
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers always serialises", e);
    }
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidValueException("--as-of", text,
          "must be an ISO-8601 instant such as 2026-06-30T16:00:00Z");
    }
  }

  private static void checkFormat(String format, String... allowed) {
    InvalidValueException.check(java.util.List.of(allowed).contains(format), "--format", format,
        "must be one of " + String.join(", ", allowed));
  }

  /** {@code points export}. */
  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Export the transfers as an hledger/ledger-cli journal or CSV, or one"
          + " account's statement as CSV.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LedgerSource source;

    @Option(names = "--format", required = true, description = "hledger or csv.")
    String format;

    @Option(names = "--account", paramLabel = "ID",
        description = "With csv: only this account's statement, with running balances.")
    String account;

    @Option(names = "--prefix", defaultValue = "community:景芳",
        description = "hledger account-name prefix; no control characters (default:"
            + " ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai",
        description = "Zone for dates and times (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
    Path outFile;

    @Override
    public Integer call() throws IOException {
      checkFormat(format, "hledger", "csv");
      InvalidValueException.check(account == null || format.equals("csv"), "--account", account,
          "goes with --format csv (a statement is a CSV)");
      LedgerExport export = LedgerExport.of(prefix, zone);
      return source.read(ledger -> export(export, ledger));
    }

    private int export(LedgerExport export, Ledger ledger) {
      InvalidValueException.check(account == null || ledger.account(account).isPresent(),
          "--account", account, "must be an account of the journal");
      if (outFile == null) {
        write(export, ledger, out(spec));
        out(spec).flush();
      } else {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(outFile,
            StandardCharsets.UTF_8))) {
          write(export, ledger, w);
        } catch (IOException e) {
          throw new LinliIoException(outFile.toString(), "cannot be written", e);
        }
      }
      return 0;
    }

    private void write(LedgerExport export, Ledger ledger, Appendable out) {
      if (format.equals("hledger")) {
        export.writeHledger(ledger, out);
      } else if (account != null) {
        ledger.statement(account, Instant.MIN, Instant.MAX).writeCsv(out, zone);
      } else {
        export.writeTransfersCsv(ledger, out);
      }
    }
  }

  /** {@code points checkpoint}. */
  @Command(name = "checkpoint", mixinStandardHelpOptions = true,
      description = "Verify a journal (or a PostgreSQL ledger's tables) and print a checkpoint of"
          + " its end (records, chain hash, time), signed if a private key is given; keep it elsewhere for 'verify'.")
  static final class Checkpoints implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin LedgerSource source;

    @Option(names = "--private-key", paramLabel = "FILE",
        description = "Ed25519 private key from 'points keygen' to sign the checkpoint with.")
    Path privateKey;

    @Override
    public Integer call() throws IOException {
      Verification v = source.verify(null, null);
      if (!(v instanceof Verification.Intact ok)) {
        spec.commandLine().getErr().println((v instanceof Verification.DamagedEnd ? "" : "broken: ")
            + v + " (no checkpoint of a ledger that is not intact)");
        spec.commandLine().getErr().flush();
        return EXIT_BROKEN;
      }
      InvalidValueException.check(ok.records() > 0, source.db != null ? "--db" : "DIR",
          source.db != null ? source.db : source.dir,
          "must hold at least one " + source.unit().replaceAll("s$", "") + " to checkpoint");
      Checkpoint cp = new Checkpoint(ok.records(), ok.lastHash(), Instant.now(), null);
      if (privateKey != null) {
        cp = cp.sign(Keys.readPrivate(privateKey));
      }
      out(spec).println(cp);
      out(spec).flush();
      return 0;
    }
  }

  /** {@code points keygen}. */
  @Command(name = "keygen", mixinStandardHelpOptions = true,
      description = "Write a new Ed25519 key pair for signing checkpoints: NAME.key (private,"
          + " PKCS#8) and NAME.pub (public, X.509), both PEM.")
  static final class Keygen implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Path prefix of the two files.")
    Path name;

    @Override
    public Integer call() throws IOException, GeneralSecurityException {
      Path priv = Path.of(name + ".key");
      Path pub = Path.of(name + ".pub");
      for (Path p : new Path[] {priv, pub}) {
        InvalidValueException.check(!Files.exists(p), "NAME", p.toString(),
            "must not exist yet: keygen never overwrites a key");
      }
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      Files.writeString(pub, Keys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
      // Readable by its owner only, from the moment it exists (not chmod after writing).
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(priv, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(priv, Keys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      out(spec).println("wrote " + priv + " (keep it secret) and " + pub);
      out(spec).flush();
      return 0;
    }
  }

  /** PEM key files. */
  static final class Keys {
    private Keys() {}

    static String pem(String type, byte[] der) {
      return "-----BEGIN " + type + "-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
          + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) throws IOException {
      String text = Files.readString(file, StandardCharsets.US_ASCII);
      String begin = "-----BEGIN " + type + "-----";
      String end = "-----END " + type + "-----";
      int from = text.indexOf(begin);
      int to = text.indexOf(end);
      InvalidValueException.check(from >= 0 && to > from, "key file", file.toString(),
          "must be a PEM '" + type + "' as written by 'linli points keygen'");
      try {
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
      } catch (IllegalArgumentException e) {
        throw new InvalidValueException("key file", file.toString(),
            "must hold base64 between the PEM lines");
      }
    }

    static PublicKey readPublic(Path file) throws IOException {
      try {
        return KeyFactory.getInstance("Ed25519")
            .generatePublic(new X509EncodedKeySpec(der(file, "PUBLIC KEY")));
      } catch (GeneralSecurityException e) {
        throw new InvalidValueException("key file", file.toString(),
            "must be an Ed25519 public key: " + e.getMessage());
      }
    }

    static PrivateKey readPrivate(Path file) throws IOException {
      try {
        return KeyFactory.getInstance("Ed25519")
            .generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
      } catch (GeneralSecurityException e) {
        throw new InvalidValueException("key file", file.toString(),
            "must be an Ed25519 private key: " + e.getMessage());
      }
    }
  }
}
