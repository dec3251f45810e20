package dev.linli.core.osm;

import dev.linli.core.DataFormatException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.Problem;
import dev.linli.core.circle.WalkNetwork;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.facility.FacilityType;
import dev.linli.core.facility.OpeningHours;
import dev.linli.core.geo.GeoPoint;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns OpenStreetMap data into a {@link WalkNetwork} and {@link Facility facilities}: the ways a
 * {@link WalkProfile} finds walkable become edges between their consecutive nodes (every node of a
 * way is a network node, so a path's length follows its drawn shape), barrier nodes the profile
 * says block walkers cut the edges through them, and elements a {@link PoiMapping} recognises
 * become facilities: nodes where they are, ways at their centroid (the area centroid of a closed
 * way, the mean of the nodes of an open one).
 *
 * <p>Feed a {@link Collector} from any reader ({@link OsmXml}, or a PBF reader) and call
 * {@link Collector#finish()}. Ways are built in id order and facilities listed nodes first, each
 * kind in id order, so the same data gives the same network node numbers and facility order
 * whatever order the file lists it in. Facilities get ids {@code osm-n<id>} and {@code
 * osm-w<id>}, the {@code name:zh}/{@code name} and {@code name:en} tags as name (else the type's
 * name), capacity 0 (unknown) and the {@code opening_hours} tag when {@link OpeningHours} reads it
 * (else always open; the {@link Summary} counts these). Way segments whose nodes the file lacks
 * (a clipped extract) are left out and counted.
 *
 * <p>An {@code OsmImport} is immutable and thread-safe; a collector is used by one thread.
 *
 * @since 0.1.0
 */
public final class OsmImport {
  private final WalkProfile profile;
  private final PoiMapping mapping;
  private final FacilityTaxonomy taxonomy;

  private OsmImport(Builder b) {
    this.profile = b.profile;
    this.mapping = b.mapping;
    this.taxonomy = b.taxonomy;
  }

  /**
   * Returns a builder with the bundled walk profile, tag mapping and Hangzhou taxonomy.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns an import with the bundled profile, mapping and taxonomy.
   *
   * @return the import
   */
  public static OsmImport defaults() {
    return builder().build();
  }

  /** @return the walk profile */
  public WalkProfile profile() {
    return profile;
  }

  /** @return the tag mapping */
  public PoiMapping mapping() {
    return mapping;
  }

  /**
   * Starts collecting one file's elements.
   *
   * @param source the file's name, for messages
   * @return a new collector
   */
  public Collector collector(String source) {
    return new Collector(source);
  }

  /**
   * Reads an OSM XML document.
   *
   * @param in the bytes; not closed
   * @param source a name for messages
   * @return the network, the facilities and counts
   * @throws DataFormatException if the document is not OSM XML, holds bad elements, or has no
   *     walkable way
   */
  public Result readXml(InputStream in, String source) {
    Collector c = collector(source);
    OsmXml.read(in, source, c);
    return c.finish();
  }

  /**
   * What an import produced.
   *
   * @param network the walk network
   * @param facilities the mapped facilities, nodes first, each kind in id order
   * @param summary counts for reports and checks
   */
  public record Result(WalkNetwork network, List<Facility> facilities, Summary summary) {
    /**
     * Validates the result.
     *
     * @throws InvalidValueException if a part is missing
     */
    public Result {
      InvalidValueException.requirePresent(network, "network");
      facilities = List.copyOf(InvalidValueException.requirePresent(facilities, "facilities"));
      InvalidValueException.requirePresent(summary, "summary");
    }
  }

  /**
   * Counts of an import.
   *
   * @param nodes nodes read
   * @param ways ways read
   * @param walkableWays ways the profile found walkable
   * @param blockingNodes barrier nodes that block walkers
   * @param missingNodes way segments left out because the file lacks a node
   * @param facilitiesByType facilities per type code, sorted by code
   * @param hoursNotRead facilities whose {@code opening_hours} could not be read (taken as always
   *     open)
   */
  public record Summary(long nodes, long ways, long walkableWays, long blockingNodes,
      long missingNodes, Map<String, Integer> facilitiesByType, long hoursNotRead) {
    /**
     * Validates the counts.
     *
     * @throws InvalidValueException if a count is negative or the map is missing
     */
    public Summary {
      InvalidValueException.check(nodes >= 0 && ways >= 0 && walkableWays >= 0
          && blockingNodes >= 0 && missingNodes >= 0 && hoursNotRead >= 0, "summary",
          nodes + "/" + ways, "counts must be >= 0");
      facilitiesByType = java.util.Collections.unmodifiableMap(new TreeMap<>(
          InvalidValueException.requirePresent(facilitiesByType, "facilitiesByType")));
    }

    /**
     * Describes the counts in one line for a command line.
     *
     * @return the description
     */
    public String describe() {
      int total = facilitiesByType.values().stream().mapToInt(Integer::intValue).sum();
      return String.format(Locale.ROOT, "%d nodes, %d ways (%d walkable), %d blocking barriers, "
          + "%d segments missing a node, %d facilities of %d types", nodes, ways, walkableWays,
          blockingNodes, missingNodes, total, facilitiesByType.size());
    }
  }

  /** A walkable way kept until the end, when every node is known. */
  private record WalkWay(long id, long[] refs, WalkProfile.Walk walk) {}

  /** A way mapped to a facility, located at the end. */
  private record PoiWay(long id, long[] refs, String type, Map<String, String> tags) {}

  /**
   * Receives one file's elements and builds the result. Not thread-safe; {@link #finish()} once.
   */
  public final class Collector implements OsmHandler {
    private final String source;
    private final NodeTable nodes = new NodeTable();
    private final Set<Long> blocking = new HashSet<>();
    private final List<WalkWay> walkable = new ArrayList<>();
    private final List<PoiWay> poiWays = new ArrayList<>();
    private final List<Facility> poiNodes = new ArrayList<>();
    private final Map<String, Integer> highwaysSeen = new TreeMap<>();
    private long nodeCount;
    private long wayCount;
    private long hoursNotRead;
    private boolean finished;

    private Collector(String source) {
      this.source = InvalidValueException.requirePresent(source, "source");
    }

    @Override
    public void node(long id, double lat, double lon, Map<String, String> tags) {
      nodeCount++;
      int latE7 = (int) Math.round(lat * 1e7);
      int lonE7 = (int) Math.round(lon * 1e7);
      nodes.put(id, latE7, lonE7);
      if (tags.isEmpty()) {
        return;
      }
      if (profile.blocks(tags)) {
        blocking.add(id);
      }
      String type = mapping.typeOf(tags).orElse(null);
      if (type != null) {
        poiNodes.add(facility("osm-n" + id, type, point(latE7, lonE7), tags));
      }
    }

    @Override
    public void way(long id, long[] nodeIds, Map<String, String> tags) {
      wayCount++;
      if (tags.isEmpty() || nodeIds.length == 0) {
        return;
      }
      boolean closed = nodeIds.length > 2 && nodeIds[0] == nodeIds[nodeIds.length - 1];
      WalkProfile.Walk walk = profile.walk(tags, closed);
      String highway = tags.get("highway");
      if (highway != null) {
        highwaysSeen.merge(highway, 1, Integer::sum);
      }
      if (walk != WalkProfile.Walk.NO && nodeIds.length >= 2) {
        walkable.add(new WalkWay(id, nodeIds.clone(), walk));
      }
      String type = mapping.typeOf(tags).orElse(null);
      if (type != null) {
        poiWays.add(new PoiWay(id, nodeIds.clone(), type, Map.copyOf(tags)));
      }
    }

    /**
     * Builds the network and the facilities.
     *
     * @return the result
     * @throws DataFormatException if no way is walkable under the profile
     * @throws IllegalStateException if called twice
     */
    public Result finish() {
      if (finished) {
        throw new IllegalStateException("finish() was already called for " + source);
      }
      finished = true;
      walkable.sort(Comparator.comparingLong(WalkWay::id));
      WalkNetwork.Builder b = WalkNetwork.builder().snapTolerance(0);
      NodeTable graph = new NodeTable();
      long missing = 0;
      int edges = 0;
      for (WalkWay w : walkable) {
        long[] refs = w.refs();
        for (int i = 1; i < refs.length; i++) {
          int a = nodes.slot(refs[i - 1]);
          int c = nodes.slot(refs[i]);
          if (a < 0 || c < 0) {
            missing++;
            continue;
          }
          if (blocking.contains(refs[i - 1]) || blocking.contains(refs[i])) {
            continue;
          }
          int from = graphNode(b, graph, refs[i - 1], a);
          int to = graphNode(b, graph, refs[i], c);
          if (from == to) {
            continue;
          }
          switch (w.walk()) {
            case FORWARD -> b.edge(from, to, true);
            case BACKWARD -> b.edge(to, from, true);
            default -> b.edge(from, to, false);
          }
          edges++;
        }
      }
      if (edges == 0) {
        throw new DataFormatException(List.of(new Problem(source, 0, "",
            "has no walkable way under walk profile \"" + profile.id() + "\": " + wayCount
                + " ways, highway values " + (highwaysSeen.isEmpty() ? "none"
                    : Problem.excerpt(highwaysSeen.toString())) + (missing > 0 ? ", " + missing
                        + " segments whose nodes are not in the file" : "")
                + "; check that the file is the area you meant, or widen walkableHighways in"
                + " a walk profile of your own")));
      }
      List<Facility> facilities = new ArrayList<>(poiNodes);
      facilities.sort(Comparator.comparingLong(f -> Long.parseLong(f.id().substring(5))));
      List<Facility> fromWays = new ArrayList<>();
      poiWays.sort(Comparator.comparingLong(PoiWay::id));
      for (PoiWay w : poiWays) {
        GeoPoint at = centroid(w.refs());
        if (at == null) {
          missing++;
          continue;
        }
        fromWays.add(facility("osm-w" + w.id(), w.type(), at, w.tags()));
      }
      facilities.addAll(fromWays);
      Map<String, Integer> byType = new TreeMap<>();
      facilities.forEach(f -> byType.merge(f.typeCode(), 1, Integer::sum));
      return new Result(b.build(), facilities, new Summary(nodeCount, wayCount, walkable.size(),
          blocking.size(), missing, byType, hoursNotRead));
    }

    private int graphNode(WalkNetwork.Builder b, NodeTable graph, long id, int slot) {
      int existing = graph.slot(id);
      if (existing >= 0) {
        return graph.lat(existing);
      }
      int node = b.node(point(nodes.lat(slot), nodes.lon(slot)));
      // The graph table keeps the builder's node number where the other keeps a latitude.
      graph.put(id, node, 0);
      return node;
    }

    /** The area centroid of a closed ring, else the mean of the nodes found; null if none. */
    private GeoPoint centroid(long[] refs) {
      int n = 0;
      double sumLat = 0;
      double sumLon = 0;
      List<double[]> ring = new ArrayList<>();
      for (int i = 0; i < refs.length; i++) {
        int s = nodes.slot(refs[i]);
        if (s < 0) {
          continue;
        }
        double lat = nodes.lat(s) / 1e7;
        double lon = nodes.lon(s) / 1e7;
        if (i < refs.length - 1 || refs[0] != refs[refs.length - 1]) {
          n++;
          sumLat += lat;
          sumLon += lon;
        }
        ring.add(new double[] {lat, lon});
      }
      if (n == 0) {
        return null;
      }
      GeoPoint mean = GeoPoint.of(sumLat / n, sumLon / n);
      boolean closed = refs.length >= 4 && refs[0] == refs[refs.length - 1]
          && ring.size() == refs.length;
      if (!closed) {
        return mean;
      }
      // Planar centroid in a local frame around the mean: exact enough for a building or a park.
      double k = Math.cos(Math.toRadians(mean.lat()));
      double area = 0;
      double cx = 0;
      double cy = 0;
      for (int i = 0; i + 1 < ring.size(); i++) {
        double x0 = (ring.get(i)[1] - mean.lon()) * k;
        double y0 = ring.get(i)[0] - mean.lat();
        double x1 = (ring.get(i + 1)[1] - mean.lon()) * k;
        double y1 = ring.get(i + 1)[0] - mean.lat();
        double cross = x0 * y1 - x1 * y0;
        area += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
      }
      if (Math.abs(area) < 1e-14) {
        return mean;
      }
      return GeoPoint.of(mean.lat() + cy / (3 * area), mean.lon() + cx / (3 * area * k));
    }

    private Facility facility(String id, String type, GeoPoint at, Map<String, String> tags) {
      String zh = tags.getOrDefault("name:zh", tags.getOrDefault("name", "")).strip();
      String en = tags.getOrDefault("name:en", "").strip();
      Name name;
      if (zh.isEmpty() && en.isEmpty()) {
        name = taxonomy.type(type).map(FacilityType::name).orElse(Name.of("", type));
      } else {
        name = Name.of(cut(zh), cut(en));
      }
      OpeningHours hours = OpeningHours.ALWAYS;
      String text = tags.get("opening_hours");
      if (text != null) {
        try {
          hours = OpeningHours.parse(text);
        } catch (InvalidValueException e) {
          hoursNotRead++;
        }
      }
      return new Facility(id, type, name, at, 0, hours, null, null);
    }
  }

  private static String cut(String text) {
    return text.length() <= Name.MAX_LENGTH ? text : text.substring(0, Name.MAX_LENGTH);
  }

  private static GeoPoint point(int latE7, int lonE7) {
    return new GeoPoint(latE7 / 1e7, lonE7 / 1e7);
  }

  /** Configures an {@link OsmImport}. Not thread-safe. */
  public static final class Builder {
    private WalkProfile profile = WalkProfile.bundled();
    private PoiMapping mapping = PoiMapping.bundled();
    private FacilityTaxonomy taxonomy = FacilityTaxonomy.hangzhou();

    private Builder() {}

    /**
     * Sets the walk profile.
     *
     * @param value the profile, not null
     * @return this builder
     */
    public Builder profile(WalkProfile value) {
      this.profile = InvalidValueException.requirePresent(value, "profile");
      return this;
    }

    /**
     * Sets the tag mapping.
     *
     * @param value the mapping, not null; its types must be in the taxonomy
     * @return this builder
     */
    public Builder mapping(PoiMapping value) {
      this.mapping = InvalidValueException.requirePresent(value, "mapping");
      return this;
    }

    /**
     * Sets the taxonomy the mapping's types come from (for names of unnamed facilities).
     *
     * @param value the taxonomy, not null
     * @return this builder
     */
    public Builder taxonomy(FacilityTaxonomy value) {
      this.taxonomy = InvalidValueException.requirePresent(value, "taxonomy");
      return this;
    }

    /**
     * Builds the import.
     *
     * @return the import
     * @throws InvalidValueException if the mapping names a type the taxonomy lacks
     */
    public OsmImport build() {
      for (PoiMapping.Rule r : mapping.rules()) {
        InvalidValueException.check(taxonomy.type(r.type()).isPresent(), "mapping.rules.type",
            r.type(), "must be a type of taxonomy " + taxonomy.id());
      }
      return new OsmImport(this);
    }
  }
}
