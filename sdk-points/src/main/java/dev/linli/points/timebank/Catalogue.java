package dev.linli.points.timebank;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.DataFormatException;
import dev.linli.core.internal.Csv;
import dev.linli.core.internal.JsonDocuments;
import dev.linli.points.HistoryQuery;
import dev.linli.points.Transfer;
import dev.linli.points.TransferRequest;
import dev.linli.points.TransferResult;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The redemption catalogue (积分商城): items priced in points that members redeem with merchants
 * (a canteen meal, a haircut), with stock and per-member frequency limits, and the merchant
 * settlement report with a CNY shadow value per point.
 *
 * <p>A redemption is one ledger transfer from the member's points account to the item's merchant,
 * code {@code redemption}, user data {@code item:<itemId>}; a refund is its reversal. Stock and
 * frequency are counted from those transfers, so they are exact after a restart and a refund gives
 * the stock back. Thread-safe: a redemption checks and writes under the catalogue's lock.
 *
 * @since 0.1.0
 */
public final class Catalogue {
  /** The {@code format} of a catalogue document. */
  public static final String FORMAT = "linli-catalogue";
  /** The code of redemption transfers. */
  public static final String CODE = "redemption";

  private final TimeBank bank;
  private final Map<String, Item> items;
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * One thing members can redeem.
   *
   * @param id stable id
   * @param name display name, such as 长者食堂午餐
   * @param merchantAccountId the merchant's points account, which receives the points
   * @param price points per redemption, {@code > 0}
   * @param stock how many can be redeemed in all, or {@link #UNLIMITED}
   * @param perMember how many one member may redeem per period (a count, such as once per
   *     quarter), or null for no limit
   */
  public record Item(String id, Name name, String merchantAccountId,
      @JsonProperty(required = true) long price, @JsonProperty(required = true) long stock,
      PointsLimit perMember) {
    /** No stock limit. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    /**
     * Validates the item.
     *
     * @throws InvalidValueException if a field is missing or out of range
     */
    public Item {
      Id.require(id, "id");
      InvalidValueException.requirePresent(name, "name");
      Id.require(merchantAccountId, "merchantAccountId");
      InvalidValueException.check(price > 0, "price", price, "must be > 0 points");
      InvalidValueException.check(stock >= 0, "stock", stock, "must be >= 0");
    }
  }

  /** The catalogue document: {@code {"format": "linli-catalogue", "version": 1, "items": [...]}}. */
  private record Document(@JsonProperty("items") List<Item> items) {}

  private Catalogue(TimeBank bank, List<Item> items) {
    this.bank = bank;
    Map<String, Item> byId = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Item item = Objects.requireNonNull(items.get(i), "items[" + i + "]");
      InvalidValueException.check(byId.put(item.id(), item) == null, "items[" + i + "].id",
          item.id(), "must be unique in the catalogue");
    }
    this.items = byId;
  }

  /**
   * Returns a catalogue of {@code items} on {@code bank}'s ledger.
   *
   * @param bank the time bank whose members redeem
   * @param items the items, unique ids
   * @return the catalogue
   * @throws InvalidValueException if two items share an id
   */
  public static Catalogue of(TimeBank bank, List<Item> items) {
    return new Catalogue(Objects.requireNonNull(bank, "bank"), List.copyOf(items));
  }

  /**
   * Reads the items of a catalogue document.
   *
   * <pre>{@code
   * {"format": "linli-catalogue", "version": 1, "items": [
   *   {"id": "canteen-lunch", "name": {"zh": "长者食堂午餐", "en": "Canteen lunch"},
   *    "merchantAccountId": "canteen", "price": 100, "stock": 500,
   *    "perMember": {"period": "WEEK", "max": 3}}]}
   * }</pre>
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages
   * @return the items, in document order
   * @throws DataFormatException naming the JSON path of each problem
   */
  public static List<Item> parse(InputStream in, String source) {
    Document d = JsonDocuments.readWithDefaults(in, source, FORMAT, Document.class);
    return d.items() == null ? List.of() : List.copyOf(d.items());
  }

  /**
   * Returns the items.
   *
   * @return the items in catalogue order
   */
  public List<Item> items() {
    return List.copyOf(items.values());
  }

  /**
   * Returns how many of an item are left.
   *
   * @param itemId an item
   * @return its stock less net redemptions, or {@link Item#UNLIMITED}
   * @throws InvalidValueException if there is no such item
   */
  public long stockLeft(String itemId) {
    Item item = items.get(itemId);
    InvalidValueException.check(item != null, "itemId", itemId, "must be an item of the catalogue");
    if (item.stock() == Item.UNLIMITED) {
      return Item.UNLIMITED;
    }
    return item.stock() - redeemed(item, null, Instant.MIN, Instant.MAX);
  }

  /** Net redemptions of {@code item} (by {@code member}, or all if null) stamped in [from, to). */
  private long redeemed(Item item, String member, Instant from, Instant to) {
    HistoryQuery q = HistoryQuery.all().between(from, to).withCode(CODE);
    String account = member == null ? item.merchantAccountId() : TimeBank.pointsAccount(member);
    long count = 0;
    for (Transfer t : bank.ledger().history(account, q)) {
      if (t.reverses() == null && t.userData().equals("item:" + item.id())
          && t.creditAccountId().equals(item.merchantAccountId())
          && bank.ledger().reversedAmount(t.id()) < t.amount()) {
        count++;
      }
    }
    return count;
  }

  /**
   * Redeems one item for a member: checks stock and the member's frequency limit, then moves the
   * item's price from the member to the merchant.
   *
   * @param request the redemption, not null
   * @return accepted as {@code PAID} with the transfer (a retry answers with the same transfer), or
   *     why not
   */
  public ServiceResult<PaymentState> redeem(RedemptionRequest request) {
    Objects.requireNonNull(request, "request");
    String redemptionId = request.redemptionId();
    String memberId = request.memberId();
    String itemId = request.itemId();
    String operator = request.operator();
    return bank.ledger().durably(() -> {
      lock.lock();
      try {
        var existing = bank.ledger().find(redemptionId);
        if (existing.isPresent()) {
          return new ServiceResult.Accepted<>(PaymentState.PAID, List.of(existing.get()),
              "redemption " + redemptionId + " was already paid", true);
        }
        Item item = items.get(itemId);
        if (item == null) {
          return new ServiceResult.Rejected<>(ServiceCode.UNKNOWN_ITEM,
              "no item " + itemId + " in the catalogue; items: " + items.keySet());
        }
        ServiceResult<PaymentState> refused = bank.refuseUnlessEnrolled(memberId);
        if (refused == null) {
          refused = bank.refuseUnlessAllowed(memberId, operator);
        }
        if (refused != null) {
          return refused;
        }
        if (stockLeft(itemId) <= 0) {
          return new ServiceResult.Rejected<>(ServiceCode.OUT_OF_STOCK,
              item.name().zh() + " (" + itemId + ") is out of stock");
        }
        PointsLimit limit = item.perMember();
        if (limit != null) {
          Instant[] period = limit.period().bounds(bank.ledger().clock().instant(),
              bank.ledger().zone());
          long used = redeemed(item, memberId, period[0], period[1]);
          if (used >= limit.max()) {
            return new ServiceResult.Rejected<>(ServiceCode.FREQUENCY_LIMIT,
                memberId + " has redeemed " + itemId + " " + used + " time(s) this "
                    + limit.period().name().toLowerCase(java.util.Locale.ROOT) + "; the limit is "
                    + limit.max());
          }
        }
        TransferRequest r = new TransferRequest(redemptionId, TimeBank.pointsAccount(memberId),
            item.merchantAccountId(), item.price(), CODE, "item:" + itemId, null, operator);
        TransferResult result = bank.ledger().submit(r);
        if (result != TransferResult.OK) {
          return new ServiceResult.Rejected<>(ServiceCode.LEDGER_REJECTED,
              "the ledger refused the redemption: " + result
                  + (result == TransferResult.EXCEEDS_BALANCE ? " (" + item.price()
                      + " points needed, " + bank.ledger().balance(r.debitAccountId()).available()
                      + " available)" : ""), List.of(result));
        }
        return new ServiceResult.Accepted<>(PaymentState.PAID,
            List.of(bank.ledger().find(redemptionId).orElseThrow()),
            "redeemed " + item.name().zh() + " (" + itemId + ") for " + item.price() + " points");
      } finally {
        lock.unlock();
      }
    });
  }

  /**
   * Refunds a redemption in full: the merchant gives the points back and the stock returns.
   *
   * @param refundId caller-chosen id of the reversal
   * @param redemptionId the redemption
   * @return accepted as {@code REFUNDED} with the reversing transfer (a retry answers with the same
   *     transfer), or rejected: {@code NOT_FOUND} if there is no such redemption,
   *     {@code LEDGER_REJECTED} with the ledger's code (such as {@code REVERSAL_EXCEEDS_ORIGINAL}
   *     if it was refunded under another id)
   */
  public ServiceResult<PaymentState> refund(String refundId, String redemptionId) {
    Id.require(refundId, "refundId");
    Id.require(redemptionId, "redemptionId");
    return bank.ledger().durably(() -> {
      lock.lock();
      try {
        var original = bank.ledger().find(redemptionId);
        if (original.isEmpty() || !original.get().code().equals(CODE)) {
          return new ServiceResult.Rejected<>(ServiceCode.NOT_FOUND,
              "no redemption " + redemptionId + " to refund");
        }
        TransferResult result = bank.ledger().submit(TransferRequest.reversal(refundId,
            original.get(), original.get().amount()));
        if (result != TransferResult.OK && result != TransferResult.EXISTS) {
          return new ServiceResult.Rejected<>(ServiceCode.LEDGER_REJECTED,
              "the ledger refused to refund " + redemptionId + ": " + result, List.of(result));
        }
        return new ServiceResult.Accepted<>(PaymentState.REFUNDED,
            List.of(bank.ledger().find(refundId).orElseThrow()), "redemption " + redemptionId
            + (result == TransferResult.EXISTS ? " was already refunded" : " refunded"),
            result == TransferResult.EXISTS);
      } finally {
        lock.unlock();
      }
    });
  }

  /**
   * One merchant's redemptions in a period, with their value in CNY.
   *
   * @param merchantAccountId the merchant
   * @param from first instant included
   * @param to first instant excluded
   * @param lines per item: count, points and value
   * @param points net points received
   * @param fen their value in fen (分) at the shadow price, rounded half-up per item line
   */
  public record Settlement(String merchantAccountId, Instant from, Instant to, List<Line> lines,
      long points, long fen) {
    /** Copies the lines. */
    public Settlement {
      lines = List.copyOf(lines);
    }

    /**
     * One item on a settlement.
     *
     * @param itemId the item
     * @param count net redemptions
     * @param points net points
     * @param fen value in fen
     */
    public record Line(String itemId, long count, long points, long fen) {}

    /**
     * Writes the settlement as CSV: one row per item and a total row.
     *
     * @param out where to write
     */
    public void writeCsv(Appendable out) {
      Csv.row(out, List.of("merchant", "item", "count", "points", "cny"));
      for (Line l : lines) {
        Csv.row(out, List.of(merchantAccountId, l.itemId(), l.count(), l.points(), yuan(l.fen())));
      }
      Csv.row(out, List.of(merchantAccountId, "total", lines.stream().mapToLong(Line::count).sum(),
          points, yuan(fen)));
    }

    private static String yuan(long fen) {
      return BigDecimal.valueOf(fen, 2).toPlainString();
    }
  }

  /**
   * Returns what a merchant is owed for redemptions stamped in {@code [from, to)}, net of refunds,
   * valued at {@code yuanPerPoint} (the shadow price the community pays merchants per point, such
   * as {@code "0.10"}).
   *
   * @param merchantAccountId the merchant
   * @param from first instant included
   * @param to first instant excluded
   * @param yuanPerPoint CNY per point as an exact decimal string, {@code >= 0}
   * @return the settlement
   * @throws InvalidValueException if the price is not a decimal {@code >= 0}
   */
  public Settlement settlement(String merchantAccountId, Instant from, Instant to,
      String yuanPerPoint) {
    BigDecimal rate;
    try {
      rate = new BigDecimal(InvalidValueException.requirePresent(yuanPerPoint, "yuanPerPoint"));
    } catch (NumberFormatException e) {
      throw new InvalidValueException("yuanPerPoint", yuanPerPoint,
          "must be a decimal written as a string, such as \"0.10\"");
    }
    InvalidValueException.check(rate.signum() >= 0, "yuanPerPoint", yuanPerPoint, "must be >= 0");
    Map<String, long[]> byItem = new TreeMap<>();
    Map<String, String> itemOfTransfer = new HashMap<>();
    for (Transfer t : bank.ledger().history(merchantAccountId,
        HistoryQuery.all().between(from, to).withCode(CODE))) {
      String item;
      long sign;
      if (t.reverses() == null) {
        item = t.userData().startsWith("item:") ? t.userData().substring(5) : "(none)";
        itemOfTransfer.put(t.id(), item);
        sign = 1;
      } else {
        item = itemOfTransfer.computeIfAbsent(t.reverses(), id -> bank.ledger().find(id)
            .map(o -> o.userData().startsWith("item:") ? o.userData().substring(5) : "(none)")
            .orElse("(none)"));
        sign = -1;
      }
      long[] sums = byItem.computeIfAbsent(item, k -> new long[2]);
      sums[1] += t.signedAmount(merchantAccountId);
      if (t.reverses() == null || bank.ledger().find(t.reverses()).map(Transfer::amount)
          .orElse(0L) == t.amount()) {
        sums[0] += sign;
      }
    }
    List<Settlement.Line> lines = new ArrayList<>();
    long points = 0;
    long fen = 0;
    for (Map.Entry<String, long[]> e : byItem.entrySet()) {
      long f = rate.multiply(BigDecimal.valueOf(e.getValue()[1])).movePointRight(2)
          .setScale(0, RoundingMode.HALF_UP).longValueExact();
      lines.add(new Settlement.Line(e.getKey(), e.getValue()[0], e.getValue()[1], f));
      points += e.getValue()[1];
      fen += f;
    }
    return new Settlement(merchantAccountId, from, to, lines, points, fen);
  }
}
