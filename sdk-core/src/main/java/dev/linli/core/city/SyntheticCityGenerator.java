package dev.linli.core.city;

import dev.linli.core.LinliIoException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.linli.core.Name;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.facility.FacilityType;
import dev.linli.core.facility.OpeningHours;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.internal.JsonDocuments;
import dev.linli.core.place.Community;
import dev.linli.core.place.District;
import dev.linli.core.place.Population;
import dev.linli.core.place.Subdistrict;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a {@link SyntheticCity}. Randomness comes only from one {@link SplittableRandom} and
 * {@link StrictMath}, whose results are specified bit for bit, so the output is the same on every JVM.
 */
final class SyntheticCityGenerator {
  private static final double METRES_PER_DEGREE = 111_195.0;
  private static final JsonNode PARAMETERS = load();

  private final SplittableRandom random;
  private final int communityCount;
  private final int facilityCount;
  private final double underServedShare;

  /** What the generator knows about a community while placing facilities. */
  private record Site(Community community, double service, double gapChance, double spreadMetres) {}

  SyntheticCityGenerator(long seed, int communities, int facilities, double underServedShare) {
    this.random = new SplittableRandom(seed);
    this.communityCount = communities;
    this.facilityCount = facilities;
    this.underServedShare = underServedShare;
  }

  private static JsonNode load() {
    try (InputStream in = SyntheticCityGenerator.class.getResourceAsStream("synthetic-hangzhou.json")) {
      if (in == null) {
        throw new IllegalStateException("bundled resource missing: synthetic-hangzhou.json");
      }
      return JsonDocuments.readTree(in, "synthetic-hangzhou.json");
    } catch (IOException e) {
      throw new LinliIoException("synthetic-hangzhou.json", "cannot be read", e);
    }
  }

  City generate() {
    JsonNode districtTable = PARAMETERS.get("districts");
    int[] perDistrict = apportion(weights(districtTable), communityCount);
    List<District> districts = new ArrayList<>();
    List<Subdistrict> subdistricts = new ArrayList<>();
    List<Site> sites = new ArrayList<>();
    for (int d = 0; d < districtTable.size(); d++) {
      if (perDistrict[d] == 0) {
        continue;
      }
      JsonNode row = districtTable.get(d);
      JsonNode ring = PARAMETERS.get("rings").get(row.get("ring").asText());
      String code = row.get("code").asText();
      District district = new District(code, Name.of(row.get("zh").asText(), row.get("en").asText()));
      districts.add(district);
      int subCount = Math.max(1, (int) Math.round(perDistrict[d] / 6.6));
      int[] perSub = apportion(evenWeights(subCount), perDistrict[d]);
      for (int s = 0; s < subCount; s++) {
        String subId = String.format(Locale.ROOT, "%s-s%02d", code, s + 1);
        String[] subName = syllables();
        Subdistrict sub = new Subdistrict(subId, code,
            Name.of(subName[0] + "街道", subName[1] + " Subdistrict"));
        subdistricts.add(sub);
        double[] subCentre = offset(row.get("lat").asDouble(), row.get("lon").asDouble(),
            ring.get("subdistrictRadiusKm").asDouble() * 1000 * StrictMath.sqrt(random.nextDouble()));
        for (int c = 0; c < perSub[s]; c++) {
          sites.add(community(String.format(Locale.ROOT, "%s-c%02d", subId, c + 1), sub, subCentre,
              ring));
        }
      }
    }
    markUnderServed(sites);
    List<Community> communities = sites.stream().map(Site::community).toList();
    return City.builder().districts(districts).subdistricts(subdistricts).communities(communities)
        .facilities(facilities(sites)).build();
  }

  private Site community(String id, Subdistrict sub, double[] centre, JsonNode ring) {
    double[] at = offset(centre[0], centre[1],
        ring.get("communitySpreadKm").asDouble() * 1000 * StrictMath.abs(gaussian()));
    double people = ring.get("populationMean").asDouble() * lognormal(0.35);
    double elderly = clamp(ring.get("elderlyShare").asDouble() * lognormal(0.2), 0.05, 0.6);
    double infants = clamp(ring.get("infantShare").asDouble() * lognormal(0.2), 0.005, 0.1);
    double children = clamp(ring.get("childShare").asDouble() * lognormal(0.15), 0.03, 0.3);
    int total = Math.max(300, (int) Math.round(people));
    int old = (int) Math.round(total * elderly);
    int oldest = (int) Math.round(old * 0.22);
    int age0to3 = (int) Math.round(total * infants);
    int age4to17 = (int) Math.round(total * children);
    int adults = Math.max(0, total - old - age0to3 - age4to17);
    Population population = new Population(age0to3, age4to17, adults, old - oldest, oldest);
    double area = round(ring.get("areaHectaresMean").asDouble() * lognormal(0.4), 1);
    String[] name = syllables();
    Community community = new Community(id, sub.id(), Name.of(name[0] + "社区",
        name[1] + " Community"), GeoPoint.of(round(at[0], 6), round(at[1], 6)), true, area,
        population, Set.of("synthetic"));
    double radiusMetres = StrictMath.sqrt(area * 10_000 / StrictMath.PI);
    return new Site(community, ring.get("serviceLevel").asDouble() * lognormal(0.3), 0.05,
        StrictMath.max(150, radiusMetres * 0.8));
  }

  /** Makes a share of communities clearly under-served: little of everything, whole types missing. */
  private void markUnderServed(List<Site> sites) {
    int count = (int) Math.round(sites.size() * underServedShare);
    int[] order = new int[sites.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int k = 0; k < count; k++) {
      Site s = sites.get(order[k]);
      sites.set(order[k], new Site(s.community(), s.service() * 0.2, 0.5, s.spreadMetres() * 2));
    }
  }

  private List<Facility> facilities(List<Site> sites) {
    FacilityTaxonomy taxonomy = FacilityTaxonomy.hangzhou();
    JsonNode types = PARAMETERS.get("types");
    int typeCount = types.size();
    double[] cumulative = new double[sites.size() * typeCount];
    double total = 0;
    for (int s = 0; s < sites.size(); s++) {
      Site site = sites.get(s);
      Population p = site.community().population();
      for (int t = 0; t < typeCount; t++) {
        JsonNode type = types.get(t);
        boolean missing = random.nextDouble() < site.gapChance();
        double basis = switch (type.get("basis").asText()) {
          case "community" -> 1.0;
          case "infants" -> p.age0to3() / (8000 * 0.03);
          case "children" -> p.age4to17() / (8000 * 0.13);
          case "elderly" -> p.elderly() / (8000 * 0.22);
          default -> p.total() / 8000.0;
        };
        total += missing ? 0 : type.get("perCommunity").asDouble() * basis * site.service();
        cumulative[s * typeCount + t] = total;
      }
    }
    int[] counts = new int[cumulative.length];
    for (int i = 0; i < facilityCount && total > 0; i++) {
      int slot = Arrays.binarySearch(cumulative, random.nextDouble() * total);
      slot = slot < 0 ? -slot - 1 : slot + 1;
      counts[Math.min(slot, counts.length - 1)]++;
    }
    Map<String, OpeningHours> hours = new HashMap<>();
    List<Facility> out = new ArrayList<>(facilityCount);
    int width = Math.max(5, Integer.toString(facilityCount).length());
    for (int s = 0; s < sites.size(); s++) {
      Site site = sites.get(s);
      Community c = site.community();
      for (int t = 0; t < typeCount; t++) {
        JsonNode spec = types.get(t);
        FacilityType type = taxonomy.type(spec.get("code").asText()).orElseThrow();
        OpeningHours open = hours.computeIfAbsent(type.code(),
            k -> OpeningHours.parse(spec.get("hours").asText()));
        for (int k = 0; k < counts[s * typeCount + t]; k++) {
          double[] at = offset(c.centroid().lat(), c.centroid().lon(),
              site.spreadMetres() * StrictMath.abs(gaussian()));
          int lo = spec.get("capacity").get(0).asInt();
          int hi = spec.get("capacity").get(1).asInt();
          String suffix = k == 0 ? "" : Integer.toString(k + 1);
          out.add(new Facility(String.format(Locale.ROOT, "F%0" + width + "d", out.size() + 1),
              type.code(), Name.of(c.name().zh().replace("社区", "") + type.name().zh() + suffix,
                  c.name().en().replace(" Community", "") + " " + type.name().en()
                      + (suffix.isEmpty() ? "" : " " + suffix)),
              GeoPoint.of(round(at[0], 6), round(at[1], 6)), lo + random.nextInt(hi - lo + 1), open,
              c.id(), null));
        }
      }
    }
    return out;
  }

  private static double[] weights(JsonNode districts) {
    double[] w = new double[districts.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = districts.get(i).get("weight").asDouble();
    }
    return w;
  }

  private static double[] evenWeights(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  /** Splits {@code total} in proportion to {@code weights} (largest remainder), exactly. */
  static int[] apportion(double[] weights, int total) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    int[] out = new int[weights.length];
    double[] remainder = new double[weights.length];
    int given = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = total * weights[i] / sum;
      out[i] = (int) StrictMath.floor(exact);
      remainder[i] = exact - out[i];
      given += out[i];
    }
    while (given < total) {
      int best = 0;
      for (int i = 1; i < weights.length; i++) {
        if (remainder[i] > remainder[best]) {
          best = i;
        }
      }
      out[best]++;
      remainder[best] = -1;
      given++;
    }
    return out;
  }

  private String[] syllables() {
    JsonNode list = PARAMETERS.get("syllables");
    JsonNode a = list.get(random.nextInt(list.size()));
    JsonNode b = list.get(random.nextInt(list.size()));
    return new String[] {a.get(0).asText() + b.get(0).asText(),
        a.get(1).asText() + b.get(1).asText().toLowerCase(Locale.ROOT)};
  }

  /** A point {@code metres} away from (lat, lon) in a random direction. */
  private double[] offset(double lat, double lon, double metres) {
    double bearing = random.nextDouble() * 2 * StrictMath.PI;
    double dLat = metres * StrictMath.cos(bearing) / METRES_PER_DEGREE;
    double dLon = metres * StrictMath.sin(bearing)
        / (METRES_PER_DEGREE * StrictMath.cos(StrictMath.toRadians(lat)));
    return new double[] {lat + dLat, lon + dLon};
  }

  /** Standard normal by Box–Muller on StrictMath, so results do not depend on the JVM. */
  private double gaussian() {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
  }

  private double lognormal(double sigma) {
    return StrictMath.exp(sigma * gaussian() - sigma * sigma / 2);
  }

  private static double clamp(double v, double lo, double hi) {
    return StrictMath.max(lo, StrictMath.min(hi, v));
  }

  private static double round(double v, int decimals) {
    double scale = StrictMath.pow(10, decimals);
    return StrictMath.rint(v * scale) / scale;
  }
}
