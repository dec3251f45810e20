package dev.linli.core.osm;

import java.util.Arrays;

/**
 * OpenStreetMap node ids to slots, open addressing over primitive arrays: a city extract has
 * millions of nodes, which boxed map entries would hold in several times the memory. Coordinates
 * are kept in OpenStreetMap's own unit, 1e-7 degrees, so that an XML and a PBF file of the same
 * data give bit-identical points. Not thread-safe.
 */
final class NodeTable {
  private static final long EMPTY = Long.MIN_VALUE;
  private long[] keys;
  private int[] slots;
  private int[] latE7;
  private int[] lonE7;
  private int size;

  NodeTable() {
    keys = new long[1024];
    Arrays.fill(keys, EMPTY);
    slots = new int[1024];
    latE7 = new int[512];
    lonE7 = new int[512];
  }

  int size() {
    return size;
  }

  /** Stores a node's position (a repeated id keeps its first position); returns its slot. */
  int put(long id, int lat, int lon) {
    int existing = slot(id);
    if (existing >= 0) {
      return existing;
    }
    if (size * 2 >= keys.length) {
      grow();
    }
    if (size == latE7.length) {
      latE7 = Arrays.copyOf(latE7, size * 2);
      lonE7 = Arrays.copyOf(lonE7, size * 2);
    }
    latE7[size] = lat;
    lonE7[size] = lon;
    insert(id, size);
    return size++;
  }

  /** Returns the slot of a node id, or -1. */
  int slot(long id) {
    int mask = keys.length - 1;
    for (int i = hash(id) & mask; ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == id && k != EMPTY) {
        return slots[i];
      }
      if (k == EMPTY) {
        return -1;
      }
    }
  }

  int lat(int slot) {
    return latE7[slot];
  }

  int lon(int slot) {
    return lonE7[slot];
  }

  private void insert(long id, int slot) {
    int mask = keys.length - 1;
    int i = hash(id) & mask;
    while (keys[i] != EMPTY) {
      i = (i + 1) & mask;
    }
    keys[i] = id;
    slots[i] = slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldSlots = slots;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    slots = new int[oldKeys.length * 2];
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        insert(oldKeys[i], oldSlots[i]);
      }
    }
  }

  private static int hash(long id) {
    long h = id * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
