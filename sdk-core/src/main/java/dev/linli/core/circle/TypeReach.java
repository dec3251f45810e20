package dev.linli.core.circle;

import dev.linli.core.facility.Facility;
import dev.linli.core.geo.SpatialIndex;
import java.util.Arrays;
import java.util.List;

/**
 * Every (origin, facility) pair of one type within the largest circle, with its walking distance,
 * and each origin's nearest distance. Computed by searching outward from the facilities.
 */
final class TypeReach {
  final String typeCode;
  final List<Facility> facilities;
  final int[] pairOrigin;
  final int[] pairFacility;
  final double[] pairMetres;
  final int pairs;
  final double[] nearest;

  private TypeReach(String typeCode, List<Facility> facilities, int[] origin, int[] facility,
      double[] metres, int pairs, double[] nearest) {
    this.typeCode = typeCode;
    this.facilities = facilities;
    this.pairOrigin = origin;
    this.pairFacility = facility;
    this.pairMetres = metres;
    this.pairs = pairs;
    this.nearest = nearest;
  }

  static TypeReach compute(String typeCode, List<Facility> facilities, Origins origins,
      SpatialIndex<Integer> originIndex, Travel travel, double limit) {
    Pairs out = new Pairs(origins.size());
    if (travel instanceof StraightLine line) {
      for (int f = 0; f < facilities.size(); f++) {
        for (SpatialIndex.Hit<Integer> hit
            : originIndex.within(facilities.get(f).location(), limit / line.circuity())) {
          out.add(hit.item(), f, hit.distanceMetres() * line.circuity());
        }
      }
    } else {
      WalkNetwork network = (WalkNetwork) travel;
      int[] originNode = new int[origins.size()];
      double[] originAccess = new double[origins.size()];
      // Origins grouped by the node they join the network at.
      java.util.Map<Integer, List<Integer>> atNode = new java.util.HashMap<>();
      for (int o = 0; o < origins.size(); o++) {
        SpatialIndex.Hit<Integer> hit = network.attach(origins.point[o]);
        originNode[o] = hit == null ? -1 : hit.item();
        originAccess[o] = hit == null ? Double.POSITIVE_INFINITY : hit.distanceMetres();
        if (hit != null) {
          atNode.computeIfAbsent(hit.item(), k -> new java.util.ArrayList<>()).add(o);
        }
      }
      WalkNetwork.Scratch scratch = network.newScratch();
      int[] facilityNode = new int[facilities.size()];
      double[] facilityAccess = new double[facilities.size()];
      java.util.Map<Integer, List<Integer>> facilitiesAt = new java.util.HashMap<>();
      for (int f = 0; f < facilities.size(); f++) {
        SpatialIndex.Hit<Integer> hit = network.attach(facilities.get(f).location());
        facilityNode[f] = hit == null ? -1 : hit.item();
        facilityAccess[f] = hit == null ? Double.POSITIVE_INFINITY : hit.distanceMetres();
        if (hit != null) {
          facilitiesAt.computeIfAbsent(hit.item(), k -> new java.util.ArrayList<>()).add(f);
        }
      }
      // Search from whichever side has fewer points: both give the same pairs, and a city has
      // far more shops than communities but far fewer health centres than estates.
      if (facilities.size() <= origins.size()) {
        for (int f = 0; f < facilities.size(); f++) {
          if (facilityAccess[f] > limit) {
            continue;
          }
          int facility = f;
          network.searchTowards(facilityNode[f], facilityAccess[f], limit, scratch,
              (node, metres) -> {
                for (int o : atNode.getOrDefault(node, List.of())) {
                  double total = metres + originAccess[o];
                  if (total <= limit) {
                    out.add(o, facility, total);
                  }
                }
              });
        }
      } else {
        for (int o = 0; o < origins.size(); o++) {
          if (originAccess[o] > limit) {
            continue;
          }
          int origin = o;
          network.searchFrom(originNode[o], originAccess[o], limit, scratch, (node, metres) -> {
            for (int f : facilitiesAt.getOrDefault(node, List.of())) {
              double total = metres + facilityAccess[f];
              if (total <= limit) {
                out.add(origin, f, total);
              }
            }
          });
        }
        out.sortByFacility();
      }
    }
    return new TypeReach(typeCode, facilities, out.origin, out.facility, out.metres, out.size,
        out.nearest);
  }

  /** A growable list of pairs with each origin's minimum. */
  private static final class Pairs {
    int[] origin = new int[256];
    int[] facility = new int[256];
    double[] metres = new double[256];
    int size;
    final double[] nearest;

    Pairs(int origins) {
      nearest = new double[origins];
      Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    }

    /** Orders pairs by facility then origin, the order a search from the facilities produces. */
    void sortByFacility() {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> facility[a] != facility[b]
          ? Integer.compare(facility[a], facility[b]) : Integer.compare(origin[a], origin[b]));
      int[] o2 = new int[size];
      int[] f2 = new int[size];
      double[] m2 = new double[size];
      for (int i = 0; i < size; i++) {
        o2[i] = origin[order[i]];
        f2[i] = facility[order[i]];
        m2[i] = metres[order[i]];
      }
      origin = o2;
      facility = f2;
      metres = m2;
    }

    void add(int o, int f, double m) {
      if (size == origin.length) {
        origin = Arrays.copyOf(origin, size * 2);
        facility = Arrays.copyOf(facility, size * 2);
        metres = Arrays.copyOf(metres, size * 2);
      }
      origin[size] = o;
      facility[size] = f;
      metres[size] = m;
      size++;
      nearest[o] = Math.min(nearest[o], m);
    }
  }
}
