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
      for (int f = 0; f < facilities.size(); f++) {
        SpatialIndex.Hit<Integer> start = network.attach(facilities.get(f).location());
        if (start == null || start.distanceMetres() > limit) {
          continue;
        }
        int facility = f;
        network.searchTowards(start.item(), start.distanceMetres(), limit, scratch,
            (node, metres) -> {
              List<Integer> here = atNode.get(node);
              if (here != null) {
                for (int o : here) {
                  double total = metres + originAccess[o];
                  if (total <= limit) {
                    out.add(o, facility, total);
                  }
                }
              }
            });
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
