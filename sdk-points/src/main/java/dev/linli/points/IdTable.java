package dev.linli.points;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The transfer ids of a {@link CompactLedgerStore}, numbered by slot in the order they were
 * added: each id's characters as bytes in paged arenas (an id is at most 64 ASCII characters, see
 * {@link dev.linli.core.Id}), and an open-addressing index from id to slot. Only the newest ids
 * can be removed ({@link #truncate}), as a failed linked batch needs.
 *
 * <p>Why hand-written: a {@code HashMap<String, Integer>} keeps a node, a boxed slot and the id's
 * own {@code String} per entry (over 80 bytes), and the allowed libraries (Guava, Caffeine) have
 * no primitive maps. Here an id costs its length, a 2-byte end offset and 13 to 26 bytes of index:
 * one {@code long} per entry holding the id's {@link String#hashCode()} (high 32 bits, compared
 * before any of the id's bytes are read) and its slot + 1 (low 32 bits; 0 is empty), probed
 * linearly at a load of at most 5/8 (see {@link #tooFull}). A look-up that misses, the common
 * case for a new transfer, so reads one run of the table and never the arena, and the
 * {@link #add} that follows reuses the place it found; growing reads the old table front to back
 * and writes the new one nearly so (an entry moves to its old home or that plus the old size),
 * which measured about a quarter less CPU per transfer than a table of {@code int} slots with a
 * separate byte of hash (5 bytes an entry), for 3 more bytes an entry. Removal shifts later
 * entries back (no tombstones).
 *
 * <p>Not thread-safe: guarded by its store's lock.
 */
final class IdTable {
  /** Slots per page: few enough that offsets in a page's bytes fit a char (512 × 64 < 65,536). */
  private static final int PAGE_BITS = 9;
  private static final int PAGE = 1 << PAGE_BITS;
  private static final int MASK = PAGE - 1;
  /**
   * How far after an id's home entry {@link #prefetch} reads a second entry. A look-up of a new id
   * reads from its home to the first empty entry: about 2.5 entries at a load of 1/2 and 4.1 at
   * 5/8 (Knuth's estimate for linear probing), and where that run crosses into the next 64-byte
   * line the look-up missed the cache again. Reading the entry 4 further brings that line in
   * whenever a run of up to 5 entries crosses; measured (issue 20, calling thread, 300 batches of
   * 8,190 per round, loaded machine) 216 ns a transfer without it and 204 ns with it (medians of
   * three JVMs each, alternating).
   */
  private static final int SECOND_READ = 4;

  /** Per page of {@link #PAGE} slots: the ids' bytes, back to back. */
  private byte[][] bytes = new byte[16][];
  /** Per page: where each slot's id ends in that page's bytes (it starts where the last ended). */
  private char[][] ends = new char[16][];
  private long[] table = new long[1024];
  private int size;
  /** The id the last look-up missed, and the empty entry it ended at (until the table changes). */
  private String missed;
  private int missedAt;
  /** {@link #prefetch}'s home entries of a run's ids, reused from run to run. */
  private int[] homes = new int[0];

  /** Returns how many ids the table holds; they have slots {@code 0 .. size() - 1}. */
  int size() {
    return size;
  }

  /** Returns the slot of {@code id}, or -1 if it was never added (or was truncated). */
  int find(String id) {
    int hash = id.hashCode();
    long[] t = table;
    int mask = t.length - 1;
    int h = home(hash, mask);
    // The common case first, without a loop: a new id's probe usually ends within its home's first
    // four entries (measured: about eight look-ups in ten while a table grew from a load of 3/8
    // to 3/4; it now grows at 5/8). Which of them are empty, and which hold the id's hash, as
    // bits; a probe that stops at the first empty entry having met no entry of the id's hash is
    // a miss. A loop there often mispredicted its exit, the number of entries probed varying from
    // look-up to look-up.
    long e0 = t[h];
    long e1 = t[(h + 1) & mask];
    long e2 = t[(h + 2) & mask];
    long e3 = t[(h + 3) & mask];
    int empty = (e0 == 0 ? 1 : 0) | (e1 == 0 ? 2 : 0) | (e2 == 0 ? 4 : 0) | (e3 == 0 ? 8 : 0);
    int same = ((int) (e0 >>> 32) == hash ? 1 : 0) | ((int) (e1 >>> 32) == hash ? 2 : 0)
        | ((int) (e2 >>> 32) == hash ? 4 : 0) | ((int) (e3 >>> 32) == hash ? 8 : 0);
    if (empty != 0 && (same & ((empty & -empty) - 1)) == 0) {
      missed = id;
      missedAt = (h + Integer.numberOfTrailingZeros(empty)) & mask;
      return -1;
    }
    for (int i = h;; i = (i + 1) & mask) {
      long e = table[i];
      if (e == 0) {
        missed = id;
        missedAt = i;
        return -1;
      }
      if ((int) (e >>> 32) == hash && matches((int) e - 1, id)) {
        return (int) e - 1;
      }
    }
  }

  /**
   * Reads the home entry of the id of requests {@code from .. to - 1} (computing its hash, which
   * the string then keeps), and the entry {@link #SECOND_READ} after it, so that the look-ups
   * which follow find those entries in the cache; changes nothing. See
   * {@link CompactLedgerStore#prefetch}.
   *
   * <p>In two passes: first every id's hash and home, then the reads alone. A read of a table of
   * millions misses the cache and the address translation (about 300 ns here, measured as a chain
   * of dependent reads); the processor overlaps such misses only as far as its instruction window
   * reaches, and hashing a fresh id in between took most of that window, so only three or four
   * were in flight. The bare read loop keeps about twenty in flight. Measured (issue 20, the index
   * alone, batches of 8,190 new ids into 4.9 million, calling thread, loaded machine): the
   * read-ahead took 70 to 75 ns an id in one pass and 23 to 25 ns in two.
   *
   * @return a value made of the entries read, for the caller to keep so the reads are not dropped
   */
  long prefetch(List<TransferRequest> batch, int from, int to) {
    long[] t = table;
    int mask = t.length - 1;
    int n = to - from;
    int[] h = homes(n);
    for (int i = 0; i < n; i++) {
      h[i] = home(batch.get(from + i).id().hashCode(), mask);
    }
    return readHomes(t, h, n);
  }

  /**
   * {@link String#hashCode()} of {@code id}, computed without storing it in the string: the
   * {@link IdIndexer}'s thread hashes the caller's ids, and a string that keeps its hash is
   * written, which would take its cache line from the thread that checks the batch.
   */
  static int hashOf(String id) {
    int h = 0;
    for (int k = 0, n = id.length(); k < n; k++) {
      h = 31 * h + id.charAt(k);
    }
    return h;
  }

  /**
   * {@link #prefetch(List, int, int)} for ids whose hashes are {@code hashes[0 .. n - 1]}.
   *
   * @return a value made of the entries read, for the caller to keep so the reads are not dropped
   */
  long prefetch(int[] hashes, int n) {
    long[] t = table;
    int mask = t.length - 1;
    int[] h = homes(n);
    for (int i = 0; i < n; i++) {
      h[i] = home(hashes[i], mask);
    }
    return readHomes(t, h, n);
  }

  /** {@link #homes} with room for {@code n} entries. */
  private int[] homes(int n) {
    if (homes.length < n) {
      homes = new int[n];
    }
    return homes;
  }

  /**
   * The read pass of a read-ahead: entries {@code homes[0 .. n - 1]} of {@code t} and the entry
   * {@link #SECOND_READ} after each, with nothing between the reads; returns their sum.
   */
  private static long readHomes(long[] t, int[] homes, int n) {
    int mask = t.length - 1;
    long seen = 0;
    for (int i = 0; i < n; i++) {
      int k = homes[i];
      seen += t[k] + t[(k + SECOND_READ) & mask];
    }
    return seen;
  }

  /**
   * Returns the slot of {@code id} (whose {@link String#hashCode()} is {@code hash}) if the table
   * holds it; else adds it as slot {@link #size()} and returns {@code -1 - } that slot. One probe
   * for both.
   *
   * @throws IllegalStateException if it is not an id of at most 64 ASCII characters
   */
  int findOrAdd(String id, int hash) {
    int length = id.length();
    checkRoom(length, id);
    long[] t = table;
    int mask = t.length - 1;
    int i = home(hash, mask);
    for (long e = t[i]; e != 0; e = t[i]) {
      if ((int) (e >>> 32) == hash && matches((int) e - 1, id)) {
        return (int) e - 1;
      }
      i = (i + 1) & mask;
    }
    return -1 - copyAndPlace(i, id, length, hash);
  }

  /**
   * Adds {@code id} as slot {@link #size()} and returns that slot.
   *
   * @throws IllegalStateException if the table holds {@code id} already, or it is not an id of at
   *     most 64 ASCII characters (the ledger validates ids before they get here)
   */
  int add(String id) {
    int length = id.length();
    checkRoom(length, id);
    int hash = id.hashCode();
    int i;
    if (id == missed) {
      i = missedAt;
    } else {
      int mask = table.length - 1;
      i = home(hash, mask);
      for (long e = table[i]; e != 0; e = table[i]) {
        if ((int) (e >>> 32) == hash && matches((int) e - 1, id)) {
          throw new IllegalStateException("transfer " + id + " is stored already");
        }
        i = (i + 1) & mask;
      }
    }
    return copyAndPlace(i, id, length, hash);
  }

  /**
   * Adds the id held as {@code length} ASCII bytes of {@code src} from {@code offset}, unless the
   * table holds it already: the look-up and the insert in one probe, for replay, whose ids are
   * slices of a journal record and which has no {@code String} to look up first.
   *
   * @param hash the id's {@link String#hashCode()}, as {@link #hashIfId} gives it
   * @return the new slot, or -1 if the table holds the id already (nothing added)
   * @throws IllegalStateException if the bytes are not an id of 1 to 64 ASCII characters
   */
  int addIfAbsent(byte[] src, int offset, int length, int hash) {
    checkRoom(length, null);
    int mask = table.length - 1;
    int i = home(hash, mask);
    for (long e = table[i]; e != 0; e = table[i]) {
      if ((int) (e >>> 32) == hash && matches((int) e - 1, src, offset, length)) {
        return -1;
      }
      i = (i + 1) & mask;
    }
    byte[] arena = arenaFor(length);
    int start = arenaStart;
    for (int k = 0; k < length; k++) {
      byte b = src[offset + k];
      if (b < 0) {
        throw new IllegalStateException("not an ASCII transfer id at byte " + (offset + k));
      }
      arena[start + k] = b;
    }
    return place(i, hash, start + length);
  }

  /**
   * Returns the {@link String#hashCode()} of the {@code length} bytes of {@code src} from
   * {@code offset} as an unsigned value, if {@link dev.linli.core.Id#isValid} accepts them decoded
   * as UTF-8, or -1 if it does not (any byte above 0x7F decodes to a character no id has).
   * {@code IdTableTest} checks that both agree.
   */
  static long hashIfId(byte[] src, int offset, int length) {
    if (length < 1 || length > 64) {
      return -1;
    }
    int hash = 0;
    for (int k = offset, end = offset + length; k < end; k++) {
      int c = src[k];
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && (k == offset || (c != '.' && c != '_' && c != ':' && c != '-'))) {
        return -1;
      }
      hash = 31 * hash + c;
    }
    return hash & 0xFFFFFFFFL;
  }

  /** Checks that an id of {@code length} characters fits and grows the index if it is full. */
  private void checkRoom(int length, String id) {
    if (length == 0 || length > 64) {
      throw new IllegalStateException("not a transfer id (1 to 64 characters): "
          + (id == null ? length + " bytes" : id));
    }
    if (size == Integer.MAX_VALUE - 1) {
      throw new IllegalStateException("a ledger holds at most " + size + " transfers");
    }
    if (tooFull(size + 1, table.length)) {
      grow();
    }
  }

  /**
   * Whether {@code size} ids are too many for a table of {@code capacity} entries: more than 5/8
   * of it. At 3/4, a new id's look-up probed about twice as many entries (8.5 against 4.1 by
   * Knuth's estimate), and linked batches measured 9.7–11.5 M/s against 10.9–12.6 at 5/8 in
   * five alternating pairs of runs (single submits 2.4–3.8 against 3.0–3.4: no difference
   * shown; docs/benchmarks.md, issue 20); the table then holds 13 to 26 bytes an id instead of
   * 11 to 21.
   */
  static boolean tooFull(int size, int capacity) {
    return size > capacity - (capacity >>> 2) - (capacity >>> 3);
  }

  /** Where {@link #arenaFor} placed the new id's first byte. */
  private int arenaStart;

  /**
   * Returns the arena that takes slot {@link #size()}'s id of {@code length} bytes, with room for
   * it from {@link #arenaStart}, starting a page when needed (and trimming the full one if it
   * kept more than an eighth of its arena unused).
   */
  private byte[] arenaFor(int length) {
    int slot = size;
    int page = slot >>> PAGE_BITS;
    int at = slot & MASK;
    if (page == bytes.length) {
      bytes = Arrays.copyOf(bytes, page * 2);
      ends = Arrays.copyOf(ends, page * 2);
    }
    if (at == 0) {
      ends[page] = new char[PAGE];
      int room = PAGE * 8;
      if (page > 0) {
        // The next ids are mostly like the last (one scheme, a digit longer now and then): the
        // new arena is the full page's size and a sixteenth, which usually takes them without
        // growing, and the full page is trimmed only if it kept more than an eighth unused (as
        // after doubling), so that neither page is copied just to fit.
        int used = ends[page - 1][MASK];
        room = used + (used >>> 4) + 16;
        if (bytes[page - 1].length - used > used >>> 3) {
          bytes[page - 1] = Arrays.copyOf(bytes[page - 1], used);
        }
      }
      bytes[page] = new byte[room];
    }
    int start = at == 0 ? 0 : ends[page][at - 1];
    byte[] arena = bytes[page];
    if (start + length > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(start + length, arena.length * 2));
      bytes[page] = arena;
    }
    arenaStart = start;
    return arena;
  }

  /**
   * Copies {@code id} ({@code length} characters) into the arena as slot {@link #size()}'s and
   * records it in index entry {@code i}; returns the slot.
   */
  private int copyAndPlace(int i, String id, int length, int hash) {
    byte[] arena = arenaFor(length);
    int start = arenaStart;
    for (int k = 0; k < length; k++) {
      char c = id.charAt(k);
      if (c >= 0x80) {
        throw new IllegalStateException("not an ASCII transfer id: " + id);
      }
      arena[start + k] = (byte) c;
    }
    return place(i, hash, start + length);
  }

  /** Records slot {@link #size()}'s id (copied, ending at {@code end}) in index entry {@code i}. */
  private int place(int i, int hash, int end) {
    missed = null;
    int slot = size;
    ends[slot >>> PAGE_BITS][slot & MASK] = (char) end;
    table[i] = (long) hash << 32 | (slot + 1L);
    size++;
    return slot;
  }

  /** Returns the id in {@code slot}, {@code 0 <= slot < size()}. */
  String get(int slot) {
    int page = slot >>> PAGE_BITS;
    int at = slot & MASK;
    int start = at == 0 ? 0 : ends[page][at - 1];
    return new String(bytes[page], start, ends[page][at] - start, StandardCharsets.US_ASCII);
  }

  /** Returns the length of the id in {@code slot}, {@code 0 <= slot < size()}. */
  int length(int slot) {
    int page = slot >>> PAGE_BITS;
    int at = slot & MASK;
    return ends[page][at] - (at == 0 ? 0 : ends[page][at - 1]);
  }

  /** Copies the ASCII bytes of the id in {@code slot} into {@code into} from {@code offset}. */
  void copy(int slot, byte[] into, int offset) {
    int page = slot >>> PAGE_BITS;
    int at = slot & MASK;
    int start = at == 0 ? 0 : ends[page][at - 1];
    System.arraycopy(bytes[page], start, into, offset, ends[page][at] - start);
  }

  /** Removes the ids in slots {@code newSize ..}, newest first. */
  void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("cannot truncate " + size + " ids to " + newSize);
    }
    missed = null;
    int mask = table.length - 1;
    while (size > newSize) {
      int slot = size - 1;
      int i = home(hashAt(slot), mask);
      while ((int) table[i] != slot + 1) {
        i = (i + 1) & mask;
      }
      removeAt(i, mask);
      size--;
      if ((slot & MASK) == 0) {
        int page = slot >>> PAGE_BITS;
        bytes[page] = null;
        ends[page] = null;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshots: the arenas are shared (their first size() slots never change again).

  /** Returns the byte arenas per page (shared; a fresh outer array). */
  byte[][] exportBytes() {
    return bytes.clone();
  }

  /** Returns the end offsets per page (shared; a fresh outer array). */
  char[][] exportEnds() {
    return ends.clone();
  }

  /**
   * Takes over the ids of a snapshot into this empty table: {@code size} ids in pages of
   * {@value #PAGE}, and builds their index in one pass over the ids in slot order (reading the
   * arenas front to back; one probe run per id, as {@link #add} would make).
   *
   * @throws IllegalStateException if the table is not empty, an id is not 1 to 64 bytes, or an id
   *     comes twice
   */
  void adopt(int size, byte[][] pageBytes, char[][] pageEnds) {
    if (this.size != 0) {
      throw new IllegalStateException("ids restored into a table that holds " + this.size);
    }
    int pages = (int) ((size + (long) MASK) >>> PAGE_BITS);
    int outer = Math.max(16, Integer.highestOneBit(Math.max(1, pages)) * 2);
    byte[][] b = Arrays.copyOf(pageBytes, outer);
    char[][] e = Arrays.copyOf(pageEnds, b.length);
    int capacity = 1024;
    while (tooFull(size + 1, capacity)) {
      capacity *= 2;
    }
    long[] index = new long[capacity];
    int mask = capacity - 1;
    for (int p = 0; p < pages; p++) {
      byte[] arena = b[p];
      char[] end = e[p];
      int last = Math.min(PAGE, size - (p << PAGE_BITS));
      int start = 0;
      for (int at = 0; at < last; at++) {
        int stop = end[at];
        int slot = (p << PAGE_BITS) + at;
        if (stop - start < 1 || stop - start > 64 || stop > arena.length) {
          throw new IllegalStateException("id " + slot + " ends at byte " + stop
              + " of its page, after " + start);
        }
        int hash = 0;
        for (int k = start; k < stop; k++) {
          hash = 31 * hash + arena[k];
        }
        int i = home(hash, mask);
        for (long x = index[i]; x != 0; x = index[i]) {
          int other = (int) x - 1;
          if ((int) (x >>> 32) == hash && Arrays.equals(arena, start, stop,
              b[other >>> PAGE_BITS], startOf(e, other), e[other >>> PAGE_BITS][other & MASK])) {
            throw new IllegalStateException("ids " + other + " and " + slot + " are the same");
          }
          i = (i + 1) & mask;
        }
        index[i] = (long) hash << 32 | (slot + 1L);
        start = stop;
      }
    }
    this.bytes = b;
    this.ends = e;
    this.table = index;
    this.size = size;
    missed = null;
  }

  private static int startOf(char[][] ends, int slot) {
    int at = slot & MASK;
    return at == 0 ? 0 : ends[slot >>> PAGE_BITS][at - 1];
  }

  /** Empties table entry {@code i}, shifting back the entries after it that probed past it. */
  private void removeAt(int i, int mask) {
    int hole = i;
    for (int j = (i + 1) & mask;; j = (j + 1) & mask) {
      long e = table[j];
      if (e == 0) {
        break;
      }
      int k = home((int) (e >>> 32), mask);
      // Entry j may move to the hole unless its home lies cyclically in (hole, j].
      boolean stays = hole <= j ? hole < k && k <= j : hole < k || k <= j;
      if (!stays) {
        table[hole] = e;
        hole = j;
      }
    }
    table[hole] = 0;
  }

  private void grow() {
    missed = null;
    long[] old = table;
    table = new long[old.length * 2];
    int mask = table.length - 1;
    for (long e : old) {
      if (e != 0) {
        int i = home((int) (e >>> 32), mask);
        while (table[i] != 0) {
          i = (i + 1) & mask;
        }
        table[i] = e;
      }
    }
  }

  /** The {@link String#hashCode()} of the id in {@code slot} (ids are ASCII, one byte a char). */
  private int hashAt(int slot) {
    int page = slot >>> PAGE_BITS;
    int at = slot & MASK;
    int start = at == 0 ? 0 : ends[page][at - 1];
    int end = ends[page][at];
    byte[] arena = bytes[page];
    int h = 0;
    for (int k = start; k < end; k++) {
      h = 31 * h + arena[k];
    }
    return h;
  }

  private boolean matches(int slot, String id) {
    int page = slot >>> PAGE_BITS;
    int at = slot & MASK;
    int start = at == 0 ? 0 : ends[page][at - 1];
    int end = ends[page][at];
    if (end - start != id.length()) {
      return false;
    }
    byte[] arena = bytes[page];
    for (int k = start; k < end; k++) {
      if (arena[k] != id.charAt(k - start)) {
        return false;
      }
    }
    return true;
  }

  private boolean matches(int slot, byte[] src, int offset, int length) {
    int page = slot >>> PAGE_BITS;
    int at = slot & MASK;
    int start = at == 0 ? 0 : ends[page][at - 1];
    int end = ends[page][at];
    return end - start == length && Arrays.equals(bytes[page], start, end, src, offset,
        offset + length);
  }

  /**
   * Where {@code hash} starts probing in a table of {@code mask + 1} entries: String hashes of
   * similar ids differ in few low bits. (Package-private for {@code IdTableTest}, which places ids
   * near the table's end.)
   */
  static int home(int hash, int mask) {
    int h = hash * 0x9E3779B9;
    return (h ^ h >>> 15) & mask;
  }
}
