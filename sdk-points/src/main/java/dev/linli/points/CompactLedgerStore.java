package dev.linli.points;

import dev.linli.points.internal.TransferColumns;
import dev.linli.points.internal.TransferRun;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ledger's default store: transfers kept as columns of primitives instead of objects, so a
 * ledger of ten million transfers is a few hundred megabytes of arrays the garbage collector need
 * not trace, and appending a transfer allocates nothing that lives on.
 *
 * <p><b>Layout.</b> Slot {@code n} is the {@code n}-th transfer appended. Per slot: debit and credit
 * account numbers ({@code int}, an index into the store's accounts), amount ({@code int}; the
 * rare amount above {@code Integer.MAX_VALUE} is kept on the side and its column holds -1), stamp
 * (epoch nanoseconds, {@code long}), and a kind ({@code int}): the interned code's number, or, for
 * the few transfers with user data, a reversal or an operator, minus one minus the number of their
 * {@link Extra}. Columns are split into pages of {@value #PAGE} slots, so growing never copies
 * what is stored and never leaves more than one page unused. Ids live in an {@link IdTable} (the
 * idempotency index); each account keeps its history as slots in chunks of {@value #CHUNK}. The
 * {@link Transfer} records callers see are built on demand ({@link #transfer}, {@link #history},
 * {@link #transfers}). Stamps outside the years 1677 to 2262, which do not fit epoch nanoseconds,
 * are kept exactly on the side and their column holds {@code Long.MIN_VALUE} or
 * {@code Long.MAX_VALUE}, which still orders them.
 *
 * <p>Accounts, lots and holds are objects as in every heap store ({@link HeapLedgerStore}): there
 * are few of them, and the bookkeeper changes them in place.
 *
 * <p>Guarded by its lock: every method runs inside {@link #atomically}.
 */
final class CompactLedgerStore extends HeapLedgerStore {
  private static final int PAGE_BITS = 14;
  private static final int PAGE = 1 << PAGE_BITS;
  private static final int MASK = PAGE - 1;
  /** The largest |epoch second| whose epoch nanoseconds (any nano part) fit in a long. */
  private static final long NANO_SECONDS = 9_223_372_035L;
  private static final int[] NO_SLOTS = {};

  /** History entries per chunk: {@value} slots, 4 KB. */
  private static final int CHUNK_BITS = 10;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int CHUNK_MASK = CHUNK - 1;

  /**
   * An account with its number and its history (the slots of its transfers, oldest first), kept
   * in chunks: the first {@value #CHUNK} entries in an array grown by copying (most accounts never
   * fill it), the rest in chunks of {@value #CHUNK} allocated as they are reached, so that a busy
   * account's history (a pool's: every transfer of a run of earnings) is never copied whole to
   * grow, and no array of it outgrows 4 KB (a history of millions grown by copying was tens of MB
   * allocated straight into the old generation).
   */
  private static final class Row extends AccountState {
    int number = -1;
    /** Entries {@code 0 .. CHUNK - 1}; shorter while fewer have been added. */
    int[] first = NO_SLOTS;
    /** Null until the history outgrows {@link #first}; then chunk {@code c} holds entries from
     *  {@code c * CHUNK}, and chunk 0 is {@link #first}. */
    int[][] chunks;
    /** The chunk that takes entry {@link #length} (maybe too short or {@link #NO_SLOTS}). */
    int[] tail = NO_SLOTS;
    int length;

    Row(Account account, LotExpiry expiry) {
      super(account, expiry);
    }

    void add(int slot) {
      int at = length & CHUNK_MASK;
      int[] t = tail;
      if (at == t.length) {
        t = grow(at);
      }
      t[at] = slot;
      if ((++length & CHUNK_MASK) == 0) {
        // The next entry starts a chunk, made when it comes.
        tail = NO_SLOTS;
      }
    }

    /** Makes room for entry {@link #length}, at {@code at} in its chunk. */
    private int[] grow(int at) {
      int c = length >>> CHUNK_BITS;
      int[] t;
      if (c == 0) {
        // Doubled: growing by half as much copied twice what it kept (most members' rows fill
        // the first chunk within a few million transfers).
        t = Arrays.copyOf(first, Math.min(CHUNK, Math.max(4, 2 * at)));
        first = t;
      } else {
        if (chunks == null) {
          chunks = new int[4][];
          chunks[0] = first;
        } else if (c >= chunks.length) {
          chunks = Arrays.copyOf(chunks, chunks.length * 2);
        }
        t = chunks[c];
        if (t == null) {
          t = new int[CHUNK];
          chunks[c] = t;
        }
      }
      tail = t;
      return t;
    }

    /** Gives the first chunk room for {@code n} entries (before any is added). */
    void reserve(int n) {
      first = new int[Math.min(n, CHUNK)];
      tail = first;
    }

    /** Removes the newest entry. */
    void removeLast() {
      length--;
      tail = length < CHUNK ? first : chunks[length >>> CHUNK_BITS];
    }

    /** Returns entry {@code i}, {@code 0 <= i < length}. */
    int slotAt(int i) {
      return i < CHUNK ? first[i] : chunks[i >>> CHUNK_BITS][i & CHUNK_MASK];
    }
  }

  /** What a few transfers carry beyond a code: user data, the transfer reversed, an operator. */
  private record Extra(int code, String userData, String reverses, String operator) {}

  private final IdTable ids = new IdTable();
  private int[][] debitColumn = new int[16][];
  private int[][] creditColumn = new int[16][];
  private int[][] amountColumn = new int[16][];
  private long[][] stampColumn = new long[16][];
  private int[][] kindColumn = new int[16][];
  private int count;

  private Row[] rows = new Row[64];
  private int rowCount;
  private final Map<String, Integer> codeNumbers = new HashMap<>();
  private final List<String> codes = new ArrayList<>();
  private String lastCode;
  private int lastCodeNumber;
  private final List<Extra> extras = new ArrayList<>();
  /** How much of a transfer (by slot) has been reversed; only reversed transfers have an entry. */
  private final Map<Integer, Long> reversed = new HashMap<>();
  /** The amounts of the slots whose amount column holds -1. */
  private final Map<Integer, Long> bigAmounts = new HashMap<>();
  /** The exact stamps of the slots whose stamp column is saturated. */
  private final Map<Integer, Instant> farStamps = new HashMap<>();
  private Instant lastStamp;
  private long lastStampNanos;
  /** The sum of the values {@link #prefetch} read, kept only so that the reads stay. */
  private long prefetched;
  /** Indexes large linked batches on a second thread. */
  final IdIndexer indexer = new IdIndexer(ids);
  /** The batch the indexer works on, or null: the index is then its alone. */
  private IdIndexer.Job indexing;
  /** The slot the indexer gave the next transfer {@link #append} takes, while indexing. */
  private int indexedSlot = -1;

  /**
   * Has {@link #indexer} look up and add the ids of {@code batch} on its thread, as the checks
   * need them ({@link #indexedSlot(int)}); until {@link #finishIndexing}, nothing here reads the
   * index. Returns whether it does (else the batch is indexed as before).
   */
  boolean startIndexing(List<TransferRequest> batch) {
    indexing = indexer.start(batch);
    return indexing != null;
  }

  /**
   * Returns request {@code i}'s id slot while indexing: its slot if stored already, else {@code
   * -1 - } the slot it takes, which the next {@link #append} then uses.
   */
  int indexedSlot(int i) {
    int slot = indexer.slot(indexing, i);
    indexedSlot = slot < 0 ? -1 - slot : -1;
    return slot;
  }

  /** Ends indexing (if under way): returns once the index is no longer changed by the indexer. */
  void finishIndexing() {
    IdIndexer.Job job = indexing;
    if (job != null) {
      indexing = null;
      indexedSlot = -1;
      indexer.finish(job);
      if (ids.size() > count) {
        // Ids the indexer added that were never appended (the batch failed, or threw): the index
        // must hold exactly the stored transfers.
        ids.truncate(count);
      }
    }
  }

  private void checkNotIndexing() {
    if (indexing != null) {
      throw new IllegalStateException("the id index is read while a batch is indexed");
    }
  }

  @Override
  public AccountState newAccount(Account account, LotExpiry expiry) {
    return new Row(account, expiry);
  }

  @Override
  public void insertAccount(AccountState state) {
    Row row = (Row) state;
    if (row.number < 0) {
      if (rowCount == rows.length) {
        rows = Arrays.copyOf(rows, rowCount * 2);
      }
      row.number = rowCount;
      rows[rowCount++] = row;
    }
    super.insertAccount(state);
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  @Override
  public void append(TransferRequest r, Instant stamp, AccountState debit, AccountState credit) {
    int slot;
    int reversedSlot;
    if (indexing != null) {
      // The indexer added the id as this slot; a batch it indexes reverses nothing.
      slot = indexedSlot;
      indexedSlot = -1;
      if (slot != count) {
        throw new IllegalStateException("transfer " + r.id() + " was indexed as slot " + slot
            + " but appends as slot " + count);
      }
      reversedSlot = -1;
    } else {
      reversedSlot = reversedSlot(r.id(), r.reverses());
      slot = ids.add(r.id());
    }
    put(slot, (Row) debit, (Row) credit, r.amount(), stamp,
        kindOf(r.code(), r.userData(), r.reverses(), r.operator()), reversedSlot);
  }

  @Override
  public void append(Transfer t, AccountState debit, AccountState credit) {
    if (!Objects.equals(t.asset(), debit.created.asset())) {
      throw new IllegalStateException("transfer " + t.id() + " of asset " + t.asset()
          + " debits account " + debit.created.id() + " of asset " + debit.created.asset());
    }
    int reversedSlot = reversedSlot(t.id(), t.reverses());
    int slot = ids.add(t.id());
    put(slot, (Row) debit, (Row) credit, t.amount(), t.timestamp(),
        kindOf(t.code(), t.userData(), t.reverses(), t.operator()), reversedSlot);
  }

  /**
   * Appends a replayed transfer whose id is {@code length} ASCII bytes of {@code id} from
   * {@code offset} (with {@link IdTable#hashIfId} {@code hash}), as {@link #append(TransferRequest,
   * Instant, AccountState, AccountState)} would append the request, unless a transfer of that id is
   * stored already: one probe of the id index for both. It reverses nothing.
   *
   * @param userData the user data, {@code ""} if none (as a request holds it)
   * @return whether it was appended (false: the id is taken, nothing changed)
   */
  boolean appendIfNew(byte[] id, int offset, int length, int hash, AccountState debit,
      AccountState credit, long amount, Instant stamp, String code, String userData,
      String operator) {
    int slot = ids.addIfAbsent(id, offset, length, hash);
    if (slot < 0) {
      return false;
    }
    put(slot, (Row) debit, (Row) credit, amount, stamp, kindOf(code, userData, null, operator), -1);
    return true;
  }

  /** The slot of the transfer {@code reverses} names (-1 if none), which must be stored. */
  private int reversedSlot(String id, String reverses) {
    if (reverses == null) {
      return -1;
    }
    int slot = ids.find(reverses);
    if (slot < 0) {
      throw new IllegalStateException("transfer " + id + " reverses " + reverses
          + ", which is not stored");
    }
    return slot;
  }

  private void put(int slot, Row debit, Row credit, long amount, Instant stamp, int kind,
      int reversedSlot) {
    int page = slot >>> PAGE_BITS;
    int at = slot & MASK;
    if (page == debitColumn.length) {
      int pages = page * 2;
      debitColumn = Arrays.copyOf(debitColumn, pages);
      creditColumn = Arrays.copyOf(creditColumn, pages);
      amountColumn = Arrays.copyOf(amountColumn, pages);
      stampColumn = Arrays.copyOf(stampColumn, pages);
      kindColumn = Arrays.copyOf(kindColumn, pages);
    }
    if (debitColumn[page] == null) {
      debitColumn[page] = new int[PAGE];
      creditColumn[page] = new int[PAGE];
      amountColumn[page] = new int[PAGE];
      stampColumn[page] = new long[PAGE];
      kindColumn[page] = new int[PAGE];
    }
    if (stamp != lastStamp) {
      lastStampNanos = nanosOf(stamp);
      lastStamp = stamp;
    }
    if (isFar(lastStampNanos)) {
      farStamps.put(slot, stamp);
    }
    debitColumn[page][at] = debit.number;
    creditColumn[page][at] = credit.number;
    if (amount <= Integer.MAX_VALUE) {
      amountColumn[page][at] = (int) amount;
    } else {
      amountColumn[page][at] = -1;
      bigAmounts.put(slot, amount);
    }
    stampColumn[page][at] = lastStampNanos;
    kindColumn[page][at] = kind;
    debit.add(slot);
    credit.add(slot);
    if (reversedSlot >= 0) {
      reversed.merge(reversedSlot, amount, Long::sum);
    }
    count = slot + 1;
  }

  /** The kind column's value for a transfer: its code's number, or -1 - its extra's number. */
  private int kindOf(String code, String userData, String reverses, String operator) {
    int number;
    if (code == lastCode) {
      number = lastCodeNumber;
    } else {
      Integer known = codeNumbers.get(code);
      if (known == null) {
        known = codes.size();
        codes.add(code);
        codeNumbers.put(code, known);
      }
      number = known;
      lastCode = code;
      lastCodeNumber = number;
    }
    if ("".equals(userData) && reverses == null && operator == null) {
      return number;
    }
    extras.add(new Extra(number, userData, reverses, operator));
    return -extras.size();
  }

  /**
   * Reads, for requests {@code from .. to - 1} of a linked batch, what their checks and appends
   * will read: the id index's home entry of each id, and each account's state, flags and the end
   * of its history. A new id's look-up is a cache miss in a table of millions, and a batch of
   * earnings names thousands of member accounts; issued back to back, independent of each other,
   * these misses overlap in the memory system, where the checks, which change the state between
   * look-ups, take them one at a time. Measured (issue 20, calling thread, 150 batches of 8,190
   * per round, loaded machine): the ids of the whole batch read first took the CPU per transfer
   * from 232-253 ns to 185-205 ns; runs of 256 with the accounts as well, from a median of 258 ns
   * to 229 ns (docs/benchmarks.md). An account named by consecutive requests (a pool, on every
   * request of a batch of earnings) is read once. Changes nothing.
   */
  @Override
  public void prefetch(List<TransferRequest> batch, int from, int to, AccountState[] debits,
      AccountState[] credits) {
    // While the indexer works, the index is its alone (it reads ahead itself).
    long seen = indexing == null ? ids.prefetch(batch, from, to) : 0;
    AccountState lastDebit = null;
    AccountState lastCredit = null;
    for (int i = 0, n = to - from; i < n; i++) {
      // An account named again (a pool on every request) is read once.
      AccountState d = debits[i];
      if (d != lastDebit) {
        seen += touchAccount(d);
        lastDebit = d;
      }
      AccountState c = credits[i];
      if (c != lastCredit) {
        seen += touchAccount(c);
        lastCredit = c;
      }
    }
    // Kept in a field so that the reads are not dropped as dead code.
    prefetched = seen;
  }

  /**
   * Reads what a check and an append read of {@code account} (a {@link Row} or null); returns a
   * value made of the reads.
   */
  private static long touchAccount(AccountState account) {
    if (account == null) {
      return 0;
    }
    Row row = (Row) account;
    int at = row.length & CHUNK_MASK;
    int[] tail = row.tail;
    return row.debits + row.current.overdraftLimit() + (at < tail.length ? tail[at] : at);
  }

  @Override
  public int appendMark() {
    return count;
  }

  @Override
  public void truncate(int mark) {
    checkNotIndexing();
    for (int slot = count - 1; slot >= mark; slot--) {
      rows[debitAt(slot)].removeLast();
      rows[creditAt(slot)].removeLast();
      if (kindAt(slot) < 0) {
        Extra x = extras.remove(extras.size() - 1);
        if (x.reverses() != null) {
          int original = ids.find(x.reverses());
          long left = reversed.get(original) - amountAt(slot);
          if (left == 0) {
            reversed.remove(original);
          } else {
            reversed.put(original, left);
          }
        }
      }
      if (isFar(stampAt(slot))) {
        farStamps.remove(slot);
      }
      if (amountColumn[slot >>> PAGE_BITS][slot & MASK] < 0) {
        bigAmounts.remove(slot);
      }
    }
    ids.truncate(mark);
    count = mark;
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshots as columns

  @Override
  TransferColumns exportColumns() {
    List<String> accountIds = new ArrayList<>(rowCount);
    for (int i = 0; i < rowCount; i++) {
      accountIds.add(rows[i].created.id());
    }
    List<TransferColumns.Extra> x = new ArrayList<>(extras.size());
    for (Extra e : extras) {
      x.add(new TransferColumns.Extra(e.code(), e.userData(), e.reverses(), e.operator()));
    }
    // Pages are shared: the slots below count never change again (a truncate only ever removes
    // slots appended after this call). The outer arrays are copied, as growing replaces them.
    return new TransferColumns(count, accountIds, List.copyOf(codes), x, new HashMap<>(bigAmounts),
        new HashMap<>(farStamps), debitColumn.clone(), creditColumn.clone(),
        amountColumn.clone(), stampColumn.clone(), kindColumn.clone(), ids.exportBytes(),
        ids.exportEnds());
  }

  /**
   * Takes over a snapshot's columns into this store, which holds no transfer yet but every
   * account they name; rebuilds histories, totals and reversals in one pass over the columns,
   * checking every account number, kind and amount. The columns' pages become the store's.
   */
  @Override
  void importColumns(TransferColumns c) {
    Bookkeeper.check(count == 0 && ids.size() == 0, null, "columns restored into a used store");
    Bookkeeper.check(TransferColumns.PAGE_BITS == PAGE_BITS, null, "column pages of another size");
    int n = c.count();
    int[] number = new int[c.accountIds().size()];
    boolean renumber = false;
    for (int i = 0; i < number.length; i++) {
      AccountState s = account(c.accountIds().get(i));
      Bookkeeper.check(s != null, null, "account " + c.accountIds().get(i) + " of the columns");
      number[i] = ((Row) s).number;
      renumber |= number[i] != i;
    }
    for (String code : c.codes()) {
      Bookkeeper.check(codeNumbers.putIfAbsent(code, codes.size()) == null, null,
          "code " + code + " twice");
      codes.add(code);
    }
    for (TransferColumns.Extra e : c.extras()) {
      Bookkeeper.check(e.code() >= 0 && e.code() < codes.size(), null, "an extra's code");
      extras.add(new Extra(e.code(), e.userData(), e.reverses(), e.operator()));
    }
    int pages = TransferColumns.pages(n, PAGE_BITS);
    int outer = Math.max(16, Integer.highestOneBit(Math.max(1, pages)) * 2);
    int[][] debits = Arrays.copyOf(c.debit(), outer);
    int[][] credits = Arrays.copyOf(c.credit(), outer);
    int[][] amounts = Arrays.copyOf(c.amount(), outer);
    long[][] stamps = Arrays.copyOf(c.stamp(), outer);
    int[][] kinds = Arrays.copyOf(c.kind(), outer);
    int[] uses = new int[rowCount];
    for (int p = 0; p < pages; p++) {
      // Renumbered on copies: the pages may be another store's (an export), which must not change.
      int[] d = renumber ? debits[p].clone() : debits[p];
      int[] cr = renumber ? credits[p].clone() : credits[p];
      debits[p] = d;
      credits[p] = cr;
      int[] a = amounts[p];
      int[] k = kinds[p];
      Bookkeeper.check(d.length == PAGE && cr.length == PAGE && a.length == PAGE
          && stamps[p].length == PAGE && k.length == PAGE, null, "column page " + p);
      int last = Math.min(PAGE, n - (p << PAGE_BITS));
      for (int at = 0; at < last; at++) {
        if (d[at] < 0 || d[at] >= number.length || cr[at] < 0 || cr[at] >= number.length
            || k[at] >= codes.size() || k[at] < -extras.size()
            || a[at] < 0 && (a[at] != -1 || !c.bigAmounts().containsKey((p << PAGE_BITS) + at))
            || isFar(stamps[p][at]) && !c.farStamps().containsKey((p << PAGE_BITS) + at)) {
          // Checked this way, not by Bookkeeper.check, so that no message is built per slot.
          Bookkeeper.check(false, null, "transfer slot " + ((p << PAGE_BITS) + at)
              + ": accounts " + d[at] + " and " + cr[at] + " of " + number.length + ", kind "
              + k[at] + ", amount " + a[at] + ", stamp " + stamps[p][at]);
        }
        if (renumber) {
          d[at] = number[d[at]];
          cr[at] = number[cr[at]];
        }
        uses[d[at]]++;
        uses[cr[at]]++;
      }
    }
    ids.adopt(n, c.idBytes(), c.idEnds());
    debitColumn = debits;
    creditColumn = credits;
    amountColumn = amounts;
    stampColumn = stamps;
    kindColumn = kinds;
    bigAmounts.putAll(c.bigAmounts());
    farStamps.putAll(c.farStamps());
    count = n;
    for (int r = 0; r < rowCount; r++) {
      Row row = rows[r];
      if (uses[r] > 0) {
        row.reserve(uses[r]);
      }
    }
    for (int slot = 0; slot < n; slot++) {
      Row d = rows[debitAt(slot)];
      Row cr = rows[creditAt(slot)];
      long amount = amountAt(slot);
      d.debits += amount;
      cr.credits += amount;
      d.add(slot);
      cr.add(slot);
      int kind = kindAt(slot);
      if (kind < 0) {
        String original = extras.get(-kind - 1).reverses();
        if (original != null) {
          int reversedSlot = ids.find(original);
          if (reversedSlot < 0 || reversedSlot >= slot) {
            Bookkeeper.check(false, null, "transfer slot " + slot + " reverses " + original);
          }
          reversed.merge(reversedSlot, amount, Long::sum);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  @Override
  public Transfer transfer(String id) {
    checkNotIndexing();
    int slot = ids.find(id);
    return slot < 0 ? null : transferAt(slot);
  }

  @Override
  public long reversedAmount(String id) {
    checkNotIndexing();
    int slot = ids.find(id);
    return slot < 0 ? 0 : reversed.getOrDefault(slot, 0L);
  }

  @Override
  public int transferCount() {
    return count;
  }

  /**
   * Returns the transfers from {@code mark} to the last one stored now, as a {@link TransferRun}
   * (the journal encodes its fields without building records).
   */
  @Override
  public List<Transfer> transfersSince(int mark) {
    return new Run(mark, count);
  }

  /** Slots {@code from .. to - 1}, read from the columns. */
  private final class Run extends AbstractList<Transfer> implements TransferRun {
    private final int from;
    private final int size;

    Run(int from, int to) {
      this.from = from;
      this.size = to - from;
    }

    private int slot(int index) {
      return from + Objects.checkIndex(index, size);
    }

    @Override
    public Transfer get(int index) {
      return transferAt(slot(index));
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public int idLength(int index) {
      return ids.length(slot(index));
    }

    @Override
    public void copyId(int index, byte[] into, int at) {
      ids.copy(slot(index), into, at);
    }

    @Override
    public String debitAccountId(int index) {
      return rows[debitAt(slot(index))].created.id();
    }

    @Override
    public String creditAccountId(int index) {
      return rows[creditAt(slot(index))].created.id();
    }

    @Override
    public long amount(int index) {
      return amountAt(slot(index));
    }

    @Override
    public String asset(int index) {
      return rows[debitAt(slot(index))].created.asset();
    }

    @Override
    public String code(int index) {
      int kind = kindAt(slot(index));
      return codes.get(kind < 0 ? extras.get(-kind - 1).code() : kind);
    }

    @Override
    public String userData(int index) {
      int kind = kindAt(slot(index));
      return kind < 0 ? extras.get(-kind - 1).userData() : "";
    }

    @Override
    public String reverses(int index) {
      int kind = kindAt(slot(index));
      return kind < 0 ? extras.get(-kind - 1).reverses() : null;
    }

    @Override
    public String operator(int index) {
      int kind = kindAt(slot(index));
      return kind < 0 ? extras.get(-kind - 1).operator() : null;
    }
  }

  @Override
  public List<Transfer> transfers() {
    List<Transfer> out = new ArrayList<>(count);
    for (int slot = 0; slot < count; slot++) {
      out.add(transferAt(slot));
    }
    return out;
  }

  @Override
  public List<Transfer> history(AccountState s, Instant from, Instant to) {
    Row row = (Row) s;
    int end = firstAtOrAfter(row, to, false);
    List<Transfer> out = new ArrayList<>();
    for (int i = firstAtOrAfter(row, from, false); i < end; i++) {
      out.add(transferAt(row.slotAt(i)));
    }
    return out;
  }

  @Override
  public long[] postedTotals(AccountState s, Instant to, boolean inclusive) {
    Row row = (Row) s;
    int end = firstAtOrAfter(row, to, inclusive);
    long debits = 0;
    long credits = 0;
    for (int i = 0; i < end; i++) {
      int slot = row.slotAt(i);
      if (debitAt(slot) == row.number) {
        debits += amountAt(slot);
      } else {
        credits += amountAt(slot);
      }
    }
    return new long[] {debits, credits};
  }

  /** Builds the public record of the transfer in {@code slot}. */
  private Transfer transferAt(int slot) {
    return transferAt(slot, ids.get(slot));
  }

  /** {@link #transferAt(int)} given its id (read without the index, which may be changing). */
  Transfer transferAt(int slot, String id) {
    Account debit = rows[debitAt(slot)].created;
    Account credit = rows[creditAt(slot)].created;
    int kind = kindAt(slot);
    Extra x = kind < 0 ? extras.get(-kind - 1) : null;
    String code = codes.get(x == null ? kind : x.code());
    return new Transfer(id, debit.id(), credit.id(), amountAt(slot), debit.asset(),
        code, x == null ? "" : x.userData(), x == null ? null : x.reverses(),
        x == null ? null : x.operator(), instantAt(slot));
  }

  /**
   * Index in {@code row}'s history of its first transfer stamped at or after {@code at} (after
   * it, if {@code after}); history is in stamp order.
   */
  private int firstAtOrAfter(Row row, Instant at, boolean after) {
    long atNanos = nanosOf(at);
    int lo = 0;
    int hi = row.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = compareStamp(row.slotAt(mid), atNanos, at);
      if (c < 0 || after && c == 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Compares the stamp of {@code slot} with {@code at}, whose {@link #nanosOf} is given. */
  private int compareStamp(int slot, long atNanos, Instant at) {
    long stamp = stampAt(slot);
    if (stamp != atNanos || !isFar(stamp)) {
      // A saturated value still orders against anything but its own saturation.
      return Long.compare(stamp, atNanos);
    }
    return farStamps.get(slot).compareTo(at);
  }

  private Instant instantAt(int slot) {
    long nanos = stampAt(slot);
    if (isFar(nanos)) {
      return farStamps.get(slot);
    }
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
        Math.floorMod(nanos, 1_000_000_000L));
  }

  /** Epoch nanoseconds of {@code t}, or Long.MIN_VALUE or MAX_VALUE for a far past or future. */
  private static long nanosOf(Instant t) {
    long seconds = t.getEpochSecond();
    if (seconds < -NANO_SECONDS) {
      return Long.MIN_VALUE;
    }
    if (seconds > NANO_SECONDS) {
      return Long.MAX_VALUE;
    }
    return seconds * 1_000_000_000L + t.getNano();
  }

  private static boolean isFar(long nanos) {
    return nanos == Long.MIN_VALUE || nanos == Long.MAX_VALUE;
  }

  private int debitAt(int slot) {
    return debitColumn[slot >>> PAGE_BITS][slot & MASK];
  }

  private int creditAt(int slot) {
    return creditColumn[slot >>> PAGE_BITS][slot & MASK];
  }

  private long amountAt(int slot) {
    int amount = amountColumn[slot >>> PAGE_BITS][slot & MASK];
    return amount >= 0 ? amount : bigAmounts.get(slot);
  }

  private long stampAt(int slot) {
    return stampColumn[slot >>> PAGE_BITS][slot & MASK];
  }

  private int kindAt(int slot) {
    return kindColumn[slot >>> PAGE_BITS][slot & MASK];
  }
}
