package dev.linli.core.circle;

import dev.linli.core.city.City;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.place.Community;
import dev.linli.core.place.Estate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each community's residents start their walks: its estates that have a location and a head
 * count, weighted by residents; or else, with {@link BoundaryOrigins}, points inside its boundary with
 * equal shares; or else its centroid with weight 1.
 */
final class Origins {
  final List<Community> communities;
  final int[] community;
  final GeoPoint[] point;
  /** Share of the community's residents at this origin; sums to 1 per community. */
  final double[] share;
  /** Residents at this origin. */
  final double[] population;
  /** First origin of each community, plus one past the end: origins are grouped by community. */
  final int[] firstOrigin;

  Origins(City city) {
    this(city, null);
  }

  Origins(City city, BoundaryOrigins bounds) {
    this.communities = city.communities();
    Map<String, List<Estate>> estates = new HashMap<>();
    for (Estate e : city.estates()) {
      if (e.location() != null && e.residents() > 0) {
        estates.computeIfAbsent(e.communityId(), k -> new ArrayList<>()).add(e);
      }
    }
    List<Integer> c = new ArrayList<>();
    List<GeoPoint> p = new ArrayList<>();
    List<Double> s = new ArrayList<>();
    firstOrigin = new int[communities.size() + 1];
    for (int i = 0; i < communities.size(); i++) {
      Community community = communities.get(i);
      firstOrigin[i] = c.size();
      List<Estate> homes = estates.getOrDefault(community.id(), List.of());
      dev.linli.core.geo.Boundary boundary = bounds == null ? null
          : bounds.boundaries().get(community.id());
      if (homes.isEmpty() && boundary != null) {
        List<GeoPoint> points = bounds.pointsPerCommunity() == 0
            ? List.of(boundary.interiorPoint())
            // Seeded per community so that one community's spread does not depend on the others.
            : boundary.samplePoints(bounds.pointsPerCommunity(),
                bounds.seed() ^ community.id().hashCode() * 0x9E3779B97F4A7C15L);
        for (GeoPoint point : points) {
          c.add(i);
          p.add(point);
          s.add(1.0 / points.size());
        }
      } else if (homes.isEmpty()) {
        c.add(i);
        p.add(community.centroid());
        s.add(1.0);
      } else {
        double total = homes.stream().mapToDouble(Estate::residents).sum();
        for (Estate e : homes) {
          c.add(i);
          p.add(e.location());
          s.add(e.residents() / total);
        }
      }
    }
    firstOrigin[communities.size()] = c.size();
    community = c.stream().mapToInt(Integer::intValue).toArray();
    point = p.toArray(GeoPoint[]::new);
    share = s.stream().mapToDouble(Double::doubleValue).toArray();
    population = new double[share.length];
    for (int o = 0; o < share.length; o++) {
      population[o] = share[o] * communities.get(community[o]).population().total();
    }
  }

  int size() {
    return point.length;
  }
}
