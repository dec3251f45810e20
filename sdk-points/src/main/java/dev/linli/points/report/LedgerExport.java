package dev.linli.points.report;

import dev.linli.core.InvalidValueException;
import dev.linli.core.internal.Csv;
import dev.linli.points.Account;
import dev.linli.points.Balance;
import dev.linli.points.Ledger;
import dev.linli.points.Transfer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes a ledger's posted transfers for other tools: a plain-text accounting journal that
 * <a href="https://hledger.org">hledger</a> and ledger-cli read, and a CSV of every transfer.
 *
 * <p><b>hledger.</b> One transaction per transfer, dated in the export's zone (the full instant is
 * in a {@code time:} tag), with two postings: {@code +amount} to the credit account and
 * {@code -amount} to the debit account. Linli balances are credit-normal, so {@code hledger bal} of
 * an account equals {@link Ledger#balance}'s {@code balance()} (posted, without pending holds, which
 * are not transfers until posted), and every transaction sums to zero as the ledger does. Account
 * names are {@code <prefix>:<kind>:<id>}, such as {@code community:景芳:member:M001}; a {@code :} in
 * an id becomes {@code /} (ids cannot contain {@code /}) so that an id never opens a sub-account.
 * Amounts are whole units with the asset as a quoted commodity ({@code 10 "points"}). Every
 * commodity and account is declared, so the export passes {@code hledger check --strict}.
 *
 * <p>Immutable and thread-safe; it reads the ledger through its public, linearizable queries, so an
 * export taken while others write is the ledger as of one moment.
 *
 * @since 0.1.0
 */
public final class LedgerExport {
  private static final Pattern PREFIX = Pattern.compile("[^:\\s;\\t](?:[^:;\\t]|:(?!:))*");

  private final String prefix;
  private final ZoneId zone;

  private LedgerExport(String prefix, ZoneId zone) {
    this.prefix = prefix;
    this.zone = zone;
  }

  /**
   * Returns an export with account names under {@code prefix} and dates in {@code zone}.
   *
   * @param prefix the top of every account name, such as {@code community:景芳} or {@code linli};
   *     colon-separated parts, no tab, newline or other control character, no {@code ;}, no
   *     empty part
   * @param zone the zone dates are shown in, such as Asia/Shanghai
   * @return the export
   * @throws InvalidValueException if the prefix is not a valid account-name prefix
   */
  public static LedgerExport of(String prefix, ZoneId zone) {
    InvalidValueException.check(prefix != null && PREFIX.matcher(prefix).matches()
        && !prefix.endsWith(":") && !prefix.contains("  ")
        && prefix.chars().noneMatch(Character::isISOControl), "prefix", prefix,
        "must be colon-separated account-name parts without tab, newline or other control"
        + " character, ';', double space or empty part, such as community:景芳");
    return new LedgerExport(prefix, Objects.requireNonNull(zone, "zone"));
  }

  /**
   * Returns the hledger account name of {@code account}.
   *
   * @param account the account
   * @return {@code <prefix>:<kind>:<id>}, with {@code :} in the id written as {@code /}
   */
  public String accountName(Account account) {
    return prefix + ":" + account.kind().name().toLowerCase(Locale.ROOT).replace('_', '-') + ":"
        + account.id().replace(':', '/');
  }

  /**
   * Writes every posted transfer of {@code ledger} as an hledger / ledger-cli journal.
   *
   * @param ledger the ledger
   * @param out where to write (UTF-8 when it is a file)
   * @throws UncheckedIOException if {@code out} fails
   */
  public void writeHledger(Ledger ledger, Appendable out) {
    List<Transfer> transfers = ledger.transfers();
    java.util.Map<String, String> names = new java.util.HashMap<>();
    for (Account a : ledger.accounts()) {
      names.put(a.id(), accountName(a));
    }
    try {
      out.append("; Linli ledger export: ").append(String.valueOf(transfers.size()))
          .append(" transfers, dates in ").append(zone.getId()).append('\n');
      // Declared, so that the export passes `hledger check --strict`.
      java.util.SortedSet<String> assets = new java.util.TreeSet<>();
      for (Account a : ledger.accounts()) {
        assets.add(a.asset());
      }
      for (String asset : assets) {
        out.append("commodity ").append(commodity(asset)).append('\n');
      }
      for (Account a : ledger.accounts()) {
        out.append("account ").append(names.get(a.id())).append('\n');
      }
      for (Transfer t : transfers) {
        out.append('\n').append(t.timestamp().atZone(zone).toLocalDate().toString()).append(' ')
            .append(description(t)).append("  ; id:").append(tagValue(t.id()))
            .append(", time:").append(t.timestamp().atZone(zone).toOffsetDateTime().toString());
        if (t.reverses() != null) {
          out.append(", reverses:").append(tagValue(t.reverses()));
        }
        if (t.operator() != null) {
          out.append(", operator:").append(tagValue(t.operator()));
        }
        out.append('\n');
        String commodity = commodity(t.asset());
        out.append("    ").append(names.get(t.creditAccountId())).append("  ")
            .append(Long.toString(t.amount())).append(' ').append(commodity).append('\n');
        out.append("    ").append(names.get(t.debitAccountId())).append("  ")
            .append(Long.toString(-t.amount())).append(' ').append(commodity).append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes every posted transfer of {@code ledger} as CSV, one row each in the order applied, with
   * the header {@code id,time,debit_account,credit_account,amount,asset,code,reverses,operator,
   * user_data}; times are ISO offset date-times in the export's zone.
   *
   * @param ledger the ledger
   * @param out where to write
   * @throws UncheckedIOException if {@code out} fails
   */
  public void writeTransfersCsv(Ledger ledger, Appendable out) {
    Csv.row(out, List.of("id", "time", "debit_account", "credit_account", "amount", "asset",
        "code", "reverses", "operator", "user_data"));
    for (Transfer t : ledger.transfers()) {
      Csv.row(out, List.of(t.id(), t.timestamp().atZone(zone).toOffsetDateTime(),
          t.debitAccountId(), t.creditAccountId(), t.amount(), t.asset(), t.code(),
          t.reverses() == null ? "" : t.reverses(), t.operator() == null ? "" : t.operator(),
          t.userData()));
    }
  }

  /**
   * Writes every account's balance as of {@code asOf} as CSV with the header
   * {@code account,kind,asset,balance,debits,credits,debits_pending,credits_pending}. As of a past
   * instant the pending columns are 0: the ledger keeps holds as they are now, not as they were.
   *
   * @param ledger the ledger
   * @param asOf the instant, or null for now
   * @param out where to write
   * @throws UncheckedIOException if {@code out} fails
   */
  public void writeBalancesCsv(Ledger ledger, Instant asOf, Appendable out) {
    Csv.row(out, List.of("account", "kind", "asset", "balance", "debits", "credits",
        "debits_pending", "credits_pending"));
    for (Account a : ledger.accounts()) {
      Balance b = asOf == null ? ledger.balance(a.id()) : ledger.balanceAsOf(a.id(), asOf);
      Csv.row(out, List.of(a.id(), a.kind().name().toLowerCase(Locale.ROOT), a.asset(),
          b.balance(), b.debits(), b.credits(), b.debitsPending(), b.creditsPending()));
    }
  }

  private static String description(Transfer t) {
    String note = t.userData().isBlank() ? "" : " | " + t.userData();
    // A ';' would start a comment and a line break a new entry; neither is kept.
    return (t.code() + note).replace(';', ',').replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  private static String tagValue(String value) {
    return value.replace(',', '.').replaceAll("\\s", "_");
  }

  private static String commodity(String asset) {
    return asset.chars().allMatch(Character::isLetter) ? asset : '"' + asset + '"';
  }
}
