package dev.linli.core.circle;

import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.FacilityType;
import dev.linli.core.geo.SpatialIndex;
import dev.linli.core.place.Community;
import dev.linli.core.place.Subdistrict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The outcome of a {@link HealthCheck}: one {@link CommunityProfile} per community, the ranking, the
 * bottom group with reasons, and the gap list per district.
 *
 * <p>What-if questions ({@link #withChanges}) reuse everything that a change cannot affect: only the
 * facility types that gain or lose a facility are searched again. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class HealthCheckResult {
  private final HealthCheck check;
  private final City city;
  private final Origins origins;
  private final SpatialIndex<Integer> originIndex;
  private final List<TypeReach> reach;
  private final List<CommunityProfile> profiles;

  HealthCheckResult(HealthCheck check, City city, Origins origins,
      SpatialIndex<Integer> originIndex, List<TypeReach> reach) {
    this.check = check;
    this.city = city;
    this.origins = origins;
    this.originIndex = originIndex;
    this.reach = reach;
    this.profiles = computeProfiles();
  }

  /**
   * Returns the profiles in the city's community order.
   *
   * @return one profile per community
   */
  public List<CommunityProfile> profiles() {
    return profiles;
  }

  /**
   * Returns the profile of one community.
   *
   * @param communityId the community
   * @return its profile
   * @throws IllegalArgumentException if the city has no such community
   */
  public CommunityProfile profile(String communityId) {
    return profiles.stream().filter(p -> p.communityId().equals(communityId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no community " + communityId));
  }

  /**
   * Returns the profiles best first.
   *
   * @return the ranking
   */
  public List<CommunityProfile> ranking() {
    return profiles.stream().sorted(Comparator.comparingInt(CommunityProfile::rank)).toList();
  }

  /**
   * Returns the bottom group flagged for gap filling, worst first.
   *
   * @return {@code ceil(bottomShare x communities)} profiles
   */
  public List<CommunityProfile> bottom() {
    return profiles.stream().filter(CommunityProfile::bottom)
        .sorted(Comparator.comparingInt(CommunityProfile::rank).reversed()).toList();
  }

  /**
   * Returns the gap list: per district (in city order), the types that leave residents without
   * service in time, most residents affected first.
   *
   * @return the gaps, only those affecting at least one resident
   */
  public List<Gap> gaps() {
    List<Gap> out = new ArrayList<>();
    Map<String, List<CommunityProfile>> byDistrict = new LinkedHashMap<>();
    city.districts().forEach(d -> byDistrict.put(d.id(), new ArrayList<>()));
    profiles.forEach(p -> byDistrict.computeIfAbsent(p.districtId(), k -> new ArrayList<>()).add(p));
    for (Map.Entry<String, List<CommunityProfile>> district : byDistrict.entrySet()) {
      List<Gap> gaps = new ArrayList<>();
      for (String type : check.standard.requiredTypes()) {
        int level = levelIndex(type);
        List<String> lacking = new ArrayList<>();
        double affected = 0;
        for (CommunityProfile p : district.getValue()) {
          TypeMeasure m = p.type(type);
          double covered = m.coverage().get(level);
          affected += m.servedWithoutAccess();
          if (covered < 0.5) {
            lacking.add(p.communityId());
          }
        }
        if (Math.round(affected) > 0) {
          gaps.add(new Gap(district.getKey(), type, lacking, Math.round(affected)));
        }
      }
      gaps.sort(Comparator.comparingLong(Gap::residentsAffected).reversed()
          .thenComparing(Gap::typeCode));
      out.addAll(gaps);
    }
    return out;
  }

  /**
   * Returns the result as it would be with facilities added and removed, searching again only the
   * types that change.
   *
   * @param added new facilities (ids must be new)
   * @param removedIds ids of existing facilities to take away
   * @return the new result; this one is unchanged
   * @throws dev.linli.core.InvalidValueException if an added id exists or a removed id does not
   */
  public HealthCheckResult withChanges(Collection<Facility> added, Collection<String> removedIds) {
    Set<String> removed = new HashSet<>(removedIds);
    Set<String> existing = new HashSet<>();
    city.facilities().forEach(f -> existing.add(f.id()));
    for (String id : removed) {
      dev.linli.core.InvalidValueException.check(existing.contains(id), "removedIds", id,
          "must be the id of an existing facility");
    }
    Set<String> touched = new HashSet<>();
    List<Facility> facilities = new ArrayList<>();
    for (Facility f : city.facilities()) {
      if (removed.contains(f.id())) {
        touched.add(f.typeCode());
      } else {
        facilities.add(f);
      }
    }
    for (Facility f : added) {
      touched.add(f.typeCode());
      facilities.add(f);
    }
    City changed = city.toBuilder().withoutFacilities().facilities(facilities).build();
    List<TypeReach> next = new ArrayList<>(reach);
    for (int t = 0; t < next.size(); t++) {
      String type = next.get(t).typeCode;
      if (touched.contains(type)) {
        next.set(t, TypeReach.compute(type,
            facilities.stream().filter(f -> f.typeCode().equals(type)).toList(), origins,
            originIndex, check.travel, check.standard.largestDistanceMetres(),
            check.standard.walkingSpeedMetresPerMinute(), check.scoring(origins, type)));
      }
    }
    return new HealthCheckResult(check, changed, origins, originIndex, next);
  }

  /** @return the standard used */
  public CircleStandard standard() {
    return check.standard;
  }

  /** @return the star rating used (五星三色) @since 0.2.0 */
  public StarRating rating() {
    return check.rating;
  }

  /** @return the travel model used */
  public Travel travel() {
    return check.travel;
  }

  /** @return the city checked */
  public City city() {
    return city;
  }

  /**
   * Returns, for each home (origin) of the city, whether it reaches {@code typeCode} within its
   * required circle; used by siting to know who is not yet served.
   */
  double[][] uncoveredHomes(String typeCode) {
    int t = check.standard.requiredTypes().indexOf(typeCode);
    double limit = check.standard.requiredLevel(typeCode).orElseThrow().distanceMetres();
    double[] served = servedPopulation(servedFraction(typeCode));
    List<double[]> out = new ArrayList<>();
    for (int o = 0; o < origins.size(); o++) {
      if (reach.get(t).nearest[o] > limit) {
        out.add(new double[] {origins.point[o].lat(), origins.point[o].lon(), served[o]});
      }
    }
    return out.toArray(double[][]::new);
  }

  /** Where residents start their walks; for siting. */
  Origins origins() {
    return origins;
  }

  /** Each origin's walking metres to the nearest facility of the type (infinite beyond the largest
   * circle); for siting. */
  double[] nearestByOrigin(String typeCode) {
    return reach.get(check.standard.requiredTypes().indexOf(typeCode)).nearest;
  }

  /** Residents at each origin of the ages the type serves; for siting. */
  double[] servedByOrigin(String typeCode) {
    return servedPopulation(servedFraction(typeCode));
  }

  /** Share of each community's residents of the ages {@code typeCode} serves. */
  private double[] servedFraction(String typeCode) {
    return servedFraction(check, origins, typeCode);
  }

  /** Share of each community's residents of the ages {@code typeCode} serves. */
  static double[] servedFraction(HealthCheck check, Origins origins, String typeCode) {
    ServedAges ages = check.standard.served(typeCode);
    double[] fraction = new double[origins.communities.size()];
    for (int c = 0; c < fraction.length; c++) {
      dev.linli.core.place.Population p = origins.communities.get(c).population();
      // Everyone is exactly 1, so that results are bit for bit those without served ages.
      fraction[c] = ages.everyone() ? 1 : p.total() == 0 ? 0 : ages.people(p) / p.total();
    }
    return fraction;
  }

  /** Residents at each origin of the ages {@code typeCode} serves. */
  private double[] servedPopulation(double[] fraction) {
    return servedPopulation(origins, fraction);
  }

  /** Residents at each origin of the ages {@code typeCode} serves. */
  static double[] servedPopulation(Origins origins, double[] fraction) {
    double[] out = new double[origins.size()];
    for (int o = 0; o < out.length; o++) {
      out[o] = origins.population[o] * fraction[origins.community[o]];
    }
    return out;
  }

  private int levelIndex(String type) {
    return check.standard.levels().indexOf(check.standard.requiredLevel(type).orElseThrow());
  }

  private List<CommunityProfile> computeProfiles() {
    CircleStandard std = check.standard;
    int n = origins.communities.size();
    List<String> types = std.requiredTypes();
    TypeMeasure[][] measures = new TypeMeasure[n][types.size()];
    // Each type's column on its own: the same sums in the same order on any thread.
    HealthCheck.split(check.parallelism, types.size(), t -> measureType(t, measures));
    return rank(measures);
  }

  /** Fills column {@code t} of {@code measures}: every community's measures of type {@code t}. */
  private void measureType(int t, TypeMeasure[][] measures) {
    CircleStandard std = check.standard;
    List<CircleLevel> levels = std.levels();
    int n = origins.communities.size();
    List<String> types = std.requiredTypes();
    TypeReach r = reach.get(t);
    double[] fraction = servedFraction(types.get(t));
    int levelCount = levels.size();
    CircleLevel required = std.requiredLevel(types.get(t)).orElseThrow();
    int requiredIndex = levels.indexOf(required);
    for (int c = 0; c < n; c++) {
      double nearest = 0;
      boolean allReach = true;
      double[] coverage = new double[levels.size()];
      double[] counts = new double[levels.size()];
      double gravity = 0;
      double access = 0;
      double score = 0;
      for (int o = origins.firstOrigin[c]; o < origins.firstOrigin[c + 1]; o++) {
        double w = origins.share[o];
        double d = r.nearest[o];
        allReach &= d != Double.POSITIVE_INFINITY;
        nearest += w * d;
        for (int l = 0; l < levels.size(); l++) {
          coverage[l] += d <= levels.get(l).distanceMetres() ? w : 0;
          counts[l] += w * r.counts[o * levelCount + l];
        }
        gravity += w * r.gravity[o];
        access += w * r.access[o];
        score += w * credit(d, required.distanceMetres(), std.largestDistanceMetres());
      }
      double people = fraction[c] * origins.communities.get(c).population().total();
      double lacking = people * (1 - coverage[requiredIndex]);
      measures[c][t] = new TypeMeasure(types.get(t), required.code(),
          allReach ? nearest : null, allReach ? std.minutes(nearest) : null, boxed(coverage),
          boxed(counts), gravity, access * 1000, score, people, Math.max(0, lacking));
    }
  }

  private double credit(double metres, double required, double largest) {
    if (metres <= required) {
      return 1;
    }
    if (metres > largest || largest <= required) {
      return 0;
    }
    return check.weights.partialCredit() * (largest - metres) / (largest - required);
  }

  private List<CommunityProfile> rank(TypeMeasure[][] measures) {
    CircleStandard std = check.standard;
    List<String> types = std.requiredTypes();
    Map<String, String> districtOf = new HashMap<>();
    for (Subdistrict s : city.subdistricts()) {
      districtOf.put(s.id(), s.districtId());
    }
    int n = origins.communities.size();
    // What each type contributes is the same for every community: looked up once, not n times.
    String[] categoryOf = new String[types.size()];
    double[] typeWeight = new double[types.size()];
    int[] requiredIndex = new int[types.size()];
    for (int t = 0; t < types.size(); t++) {
      FacilityType type = check.taxonomy.type(types.get(t)).orElseThrow();
      categoryOf[t] = type.categoryCode();
      typeWeight[t] = check.weights.type(type.code());
      requiredIndex[t] = std.levels().indexOf(std.requiredLevel(types.get(t)).orElseThrow());
    }
    double[] index = new double[n];
    // Slots set (never added) by the threads, each its own.
    List<Map<String, Double>> categoryScores = new ArrayList<>(java.util.Collections.nCopies(n,
        null));
    HealthCheck.split(check.parallelism, n, c -> {
      Map<String, double[]> sums = new TreeMap<>();
      for (int t = 0; t < types.size(); t++) {
        double w = typeWeight[t];
        double[] s = sums.computeIfAbsent(categoryOf[t], k -> new double[2]);
        s[0] += w * measures[c][t].score();
        s[1] += w;
      }
      Map<String, Double> scores = new TreeMap<>();
      double total = 0;
      double weight = 0;
      for (Map.Entry<String, double[]> e : sums.entrySet()) {
        double score = e.getValue()[1] == 0 ? 0 : 100 * e.getValue()[0] / e.getValue()[1];
        scores.put(e.getKey(), score);
        total += check.weights.category(e.getKey()) * score;
        weight += check.weights.category(e.getKey());
      }
      categoryScores.set(c, scores);
      index[c] = weight == 0 ? 0 : total / weight;
    });
    Integer[] order = new Integer[n];
    for (int c = 0; c < n; c++) {
      order[c] = c;
    }
    List<Community> communities = origins.communities;
    java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(c -> -index[c])
        .thenComparing(c -> communities.get(c).id()));
    int[] rank = new int[n];
    Map<String, Integer> seenInDistrict = new HashMap<>();
    int[] districtRank = new int[n];
    for (int r = 0; r < n; r++) {
      int c = order[r];
      rank[c] = r + 1;
      String district = districtOf.get(communities.get(c).subdistrictId());
      districtRank[c] = seenInDistrict.merge(district, 1, Integer::sum);
    }
    int bottomCount = (int) Math.ceil(check.bottomShare * n - 1e-9);
    CommunityProfile[] out = new CommunityProfile[n];
    HealthCheck.split(check.parallelism, n, c -> {
      Community community = communities.get(c);
      Map<String, List<String>> missing = new LinkedHashMap<>();
      for (int l = 0; l < std.levels().size(); l++) {
        List<String> lacking = new ArrayList<>();
        for (int t = 0; t < types.size(); t++) {
          if (requiredIndex[t] <= l && measures[c][t].coverage().get(l) < 0.5) {
            lacking.add(types.get(t));
          }
        }
        missing.put(std.levels().get(l).code(), lacking);
      }
      boolean bottom = rank[c] > n - bottomCount;
      double percentile = n == 1 ? 100 : 100.0 * (n - rank[c]) / (n - 1);
      StarRating.Grade grade = check.rating.grade(categoryScores.get(c), index[c]);
      out[c] = new CommunityProfile(community.id(), community.name(),
          districtOf.get(community.subdistrictId()), community.subdistrictId(),
          community.population().total(), index[c], categoryScores.get(c),
          List.of(measures[c]), missing, rank[c], districtRank[c], percentile, grade.stars(),
          grade.earned(), grade.colour(), bottom, bottom ? reasons(measures[c]) : List.of());
    });
    return new ArrayList<>(java.util.Arrays.asList(out));
  }

  private List<String> reasons(TypeMeasure[] measures) {
    List<String> out = new ArrayList<>();
    for (TypeMeasure m : measures) {
      CircleLevel level = check.standard.requiredLevel(m.typeCode()).orElseThrow();
      int l = check.standard.levels().indexOf(level);
      if (m.coverage().get(l) < 0.5) {
        String name = check.taxonomy.type(m.typeCode()).orElseThrow().name().toString();
        // HealthCheckReports.fixed(v, 0) is String.format's %.0f without parsing a format
        // string each time (tested against it); the bottom tenth of a city has thousands.
        out.add(m.nearestMetres() == null
            ? "no " + name + " within "
                + HealthCheckReports.fixed(check.standard.largestDistanceMetres(), 0)
                + " m (the largest circle)"
            : name + " is " + HealthCheckReports.fixed(m.nearestMetres(), 0) + " m away; the "
                + level.code() + " circle needs it within "
                + HealthCheckReports.fixed(level.distanceMetres(), 0) + " m");
      }
    }
    return out;
  }

  private static List<Double> boxed(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }
}
