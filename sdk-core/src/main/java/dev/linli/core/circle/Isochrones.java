package dev.linli.core.circle;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.linli.core.InvalidValueException;
import dev.linli.core.LinliIoException;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.geo.SpatialIndex;
import dev.linli.core.internal.GeoJsonOut;
import dev.linli.core.internal.JsonMapping;
import dev.linli.core.internal.NonClosing;
import dev.linli.core.place.Community;
import dev.linli.core.place.NeighbourhoodCentre;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Draws service circles as polygons (isochrones): the area within 5, 10 and 15 walking minutes of
 * each community, neighbourhood centre or facility, for maps and as planning units.
 *
 * <p>How a polygon is made depends on the {@link Travel} model:
 *
 * <ul>
 *   <li><b>Straight line</b>: a geodesic circle of radius {@code metres / circuity} around the
 *       place, drawn with {@code segments} vertices (64 by default, so the polygon's area is within
 *       0.2% of the circle's).
 *   <li><b>Walk network</b>: the place joins its nearest node (the straight-line access distance
 *       counts against the budget, as in the health check); one Dijkstra search finds every node
 *       within the distance, and on each edge that leaves the reached area the point where the
 *       budget runs out. The polygon is the <em>convex hull</em> of the place, the reached nodes and
 *       those edge points. Limits: a convex hull fills in what the network does not reach inside
 *       it (the far bank of a river, a fenced compound between two reached streets), so it
 *       overstates the area where the reached paths are concave, and it has no holes; the nodes
 *       themselves are exact (each is reachable within the time). Walks start at a community and
 *       end at a centre or facility, following one-way paths in their direction. When fewer than
 *       three points are reached (an isolated place), each is widened to a 5 m octagon first, and
 *       {@link Isochrone#reachedNodes()} says how little was reached.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Isochrones {
  private static final double OCTAGON_METRES = 5;

  private final Travel travel;
  private final double[] minutes;
  private final double speed;
  private final int segments;

  private Isochrones(Builder b) {
    this.travel = b.travel;
    this.minutes = b.minutes.clone();
    this.speed = b.speed;
    this.segments = b.segments;
  }

  /**
   * Returns a builder with straight line x 1.3, 5, 10 and 15 minutes, 80 m/min (GB 50180's
   * walking speed) and 64 segments.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Draws one polygon per walking time around a place.
   *
   * @param id the place's id
   * @param kind what the place is ({@code community}, {@code centre} or a facility type)
   * @param place where walks start or end
   * @return the polygons, shortest time first
   */
  public List<Isochrone> around(String id, String kind, GeoPoint place) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(place, "place");
    if (travel instanceof WalkNetwork network) {
      return network(network, id, kind, place, kind.equals("community"), network.newScratch());
    }
    double circuity = ((StraightLine) travel).circuity();
    List<Isochrone> out = new ArrayList<>();
    for (double m : minutes) {
      double metres = m * speed;
      out.add(new Isochrone(id, kind, place, m, metres, circle(place, metres / circuity, segments),
          0));
    }
    return out;
  }

  /**
   * Draws the polygons around every community's centroid, in the city's order.
   *
   * @param city the city
   * @return {@code minutes} polygons per community
   */
  public List<Isochrone> aroundCommunities(City city) {
    List<Isochrone> out = new ArrayList<>();
    Scratch s = new Scratch();
    for (Community c : city.communities()) {
      out.addAll(around(c.id(), "community", c.centroid(), s));
    }
    return out;
  }

  /**
   * Draws the polygons around every neighbourhood centre: the city's centres, then any centre
   * that facilities name ({@link Facility#siteId()}) without a centre record, placed at its first
   * facility.
   *
   * @param city the city
   * @return {@code minutes} polygons per centre
   */
  public List<Isochrone> aroundCentres(City city) {
    Map<String, GeoPoint> centres = new LinkedHashMap<>();
    for (NeighbourhoodCentre c : city.centres()) {
      centres.put(c.id(), c.location());
    }
    for (Facility f : city.facilities()) {
      if (f.siteId() != null) {
        centres.putIfAbsent(f.siteId(), f.location());
      }
    }
    List<Isochrone> out = new ArrayList<>();
    Scratch s = new Scratch();
    centres.forEach((id, at) -> out.addAll(around(id, "centre", at, s)));
    return out;
  }

  /**
   * Draws the polygons around every facility of a type.
   *
   * @param city the city
   * @param typeCode the type
   * @return {@code minutes} polygons per facility of the type, in the city's order
   */
  public List<Isochrone> aroundFacilities(City city, String typeCode) {
    List<Isochrone> out = new ArrayList<>();
    Scratch s = new Scratch();
    for (Facility f : city.facilities()) {
      if (f.typeCode().equals(typeCode)) {
        out.addAll(around(f.id(), typeCode, f.location(), s));
      }
    }
    return out;
  }

  /** One search's work space, reused across the places of one call. */
  private final class Scratch {
    WalkNetwork.Scratch search;
  }

  private List<Isochrone> around(String id, String kind, GeoPoint place, Scratch s) {
    if (travel instanceof WalkNetwork network) {
      if (s.search == null) {
        s.search = network.newScratch();
      }
      return network(network, id, kind, place, kind.equals("community"), s.search);
    }
    return around(id, kind, place);
  }

  private List<Isochrone> network(WalkNetwork network, String id, String kind, GeoPoint place,
      boolean outward, WalkNetwork.Scratch scratch) {
    double limit = minutes[minutes.length - 1] * speed;
    Map<Integer, Double> reached = new HashMap<>();
    List<Integer> order = new ArrayList<>();
    SpatialIndex.Hit<Integer> join = network.attach(place);
    if (join != null && join.distanceMetres() <= limit) {
      WalkNetwork.NodeVisitor visit = (node, metres) -> {
        reached.put(node, metres);
        order.add(node);
      };
      if (outward) {
        network.searchFrom(join.item(), join.distanceMetres(), limit, scratch, visit);
      } else {
        network.searchTowards(join.item(), join.distanceMetres(), limit, scratch, visit);
      }
    }
    List<Isochrone> out = new ArrayList<>();
    for (double m : minutes) {
      double metres = m * speed;
      List<GeoPoint> points = new ArrayList<>();
      points.add(place);
      int count = 0;
      for (int node : order) {
        double d = reached.get(node);
        if (d > metres) {
          break;
        }
        count++;
        GeoPoint at = network.node(node);
        points.add(at);
        network.forEachEdgeAt(node, outward, (from, to, length) -> {
          int other = outward ? to : from;
          Double od = reached.get(other);
          if ((od == null || od > metres) && length > 0) {
            double f = Math.min(1, (metres - d) / length);
            GeoPoint far = network.node(other);
            points.add(new GeoPoint(at.lat() + f * (far.lat() - at.lat()),
                at.lon() + f * (far.lon() - at.lon())));
          }
        });
      }
      out.add(new Isochrone(id, kind, place, m, metres, hull(points, place), count));
    }
    return out;
  }

  /** A geodesic circle, counter-clockwise, closed. */
  static List<GeoPoint> circle(GeoPoint centre, double radiusMetres, int segments) {
    double lat1 = Math.toRadians(centre.lat());
    double lon1 = Math.toRadians(centre.lon());
    double delta = radiusMetres / GeoPoint.EARTH_RADIUS_METRES;
    List<GeoPoint> ring = new ArrayList<>(segments + 1);
    for (int i = 0; i < segments; i++) {
      // Bearings run clockwise from north, so going backwards draws the ring counter-clockwise.
      double theta = -2 * Math.PI * i / segments;
      double lat2 = Math.asin(Math.sin(lat1) * Math.cos(delta)
          + Math.cos(lat1) * Math.sin(delta) * Math.cos(theta));
      double lon2 = lon1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(lat1),
          Math.cos(delta) - Math.sin(lat1) * Math.sin(lat2));
      ring.add(new GeoPoint(Math.toDegrees(lat2), normalise(Math.toDegrees(lon2))));
    }
    ring.add(ring.get(0));
    return ring;
  }

  private static double normalise(double lon) {
    return lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
  }

  /**
   * The convex hull (Andrew's monotone chain) in a local plane around {@code origin},
   * counter-clockwise and closed; points are widened to octagons when fewer than three are in
   * general position.
   */
  static List<GeoPoint> hull(List<GeoPoint> points, GeoPoint origin) {
    List<GeoPoint> ring = monotoneChain(points, origin);
    if (ring.size() >= 4) {
      return ring;
    }
    List<GeoPoint> widened = new ArrayList<>();
    for (GeoPoint p : points) {
      widened.addAll(circle(p, OCTAGON_METRES, 8));
    }
    return monotoneChain(widened, origin);
  }

  private static List<GeoPoint> monotoneChain(List<GeoPoint> points, GeoPoint origin) {
    double k = Math.cos(Math.toRadians(origin.lat()));
    int n = points.size();
    double[][] xy = new double[n][];
    for (int i = 0; i < n; i++) {
      GeoPoint p = points.get(i);
      xy[i] = new double[] {(p.lon() - origin.lon()) * k, p.lat() - origin.lat(), i};
    }
    Arrays.sort(xy, (a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0])
        : Double.compare(a[1], b[1]));
    double[][] h = new double[2 * n + 1][];
    int size = 0;
    for (int i = 0; i < n; i++) {
      while (size >= 2 && cross(h[size - 2], h[size - 1], xy[i]) <= 0) {
        size--;
      }
      h[size++] = xy[i];
    }
    for (int i = n - 2, lower = size + 1; i >= 0; i--) {
      while (size >= lower && cross(h[size - 2], h[size - 1], xy[i]) <= 0) {
        size--;
      }
      h[size++] = xy[i];
    }
    // The chain ends where it started: size - 1 distinct vertices, first repeated last.
    List<GeoPoint> ring = new ArrayList<>(size);
    if (size - 1 < 3) {
      return ring;
    }
    for (int i = 0; i < size; i++) {
      ring.add(points.get((int) h[i][2]));
    }
    return ring;
  }

  private static double cross(double[] o, double[] a, double[] b) {
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  }

  /**
   * Writes polygons as a GeoJSON FeatureCollection, one Polygon feature per line, with properties
   * {@code id}, {@code kind}, {@code minutes}, {@code metres}, {@code reached_nodes} and
   * {@code area_m2}; coordinates to 7 decimals.
   *
   * @param isochrones the polygons
   * @param out where to write UTF-8; not closed
   * @throws LinliIoException if writing fails
   */
  public static void writeGeoJson(List<Isochrone> isochrones, OutputStream out) {
    try (JsonGenerator g = JsonMapping.mapper(false).getFactory()
        .createGenerator(NonClosing.output(out))) {
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeArrayFieldStart("features");
      for (Isochrone i : isochrones) {
        g.writeRaw('\n');
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeObjectFieldStart("geometry");
        g.writeStringField("type", "Polygon");
        g.writeArrayFieldStart("coordinates");
        g.writeStartArray();
        for (GeoPoint p : i.ring()) {
          g.writeStartArray();
          g.writeNumber(GeoJsonOut.computed(p.lon()));
          g.writeNumber(GeoJsonOut.computed(p.lat()));
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndArray();
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeStringField("id", i.id());
        g.writeStringField("kind", i.kind());
        g.writeNumberField("minutes", i.minutes());
        g.writeNumberField("metres", i.metres());
        g.writeNumberField("reached_nodes", i.reachedNodes());
        g.writeNumberField("area_m2", Math.round(i.areaSquareMetres()));
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeRaw('\n');
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    } catch (IOException e) {
      throw new LinliIoException("the output", "cannot be written", e);
    }
  }

  /** Configures {@link Isochrones}. Not thread-safe. */
  public static final class Builder {
    private Travel travel = StraightLine.defaults();
    private double[] minutes = {5, 10, 15};
    private double speed = 80;
    private int segments = 64;

    private Builder() {}

    /** @param value straight line or a walk network @return this builder */
    public Builder travel(Travel value) {
      this.travel = Objects.requireNonNull(value, "travel");
      return this;
    }

    /**
     * Sets the walking times.
     *
     * @param values minutes, each positive and at most 120
     * @return this builder
     * @throws InvalidValueException if empty or out of range
     */
    public Builder minutes(double... values) {
      InvalidValueException.check(values.length > 0, "minutes", "[]", "needs at least one time");
      for (double v : values) {
        InvalidValueException.check(v > 0 && v <= 120, "minutes", v,
            "must be more than 0 and at most 120");
      }
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      this.minutes = Arrays.stream(sorted).distinct().toArray();
      return this;
    }

    /**
     * Sets the walking speed.
     *
     * @param metresPerMinute between 20 and 200; GB 50180 uses 80
     * @return this builder
     * @throws InvalidValueException if out of range
     */
    public Builder walkingSpeed(double metresPerMinute) {
      InvalidValueException.check(metresPerMinute >= 20 && metresPerMinute <= 200,
          "walkingSpeed", metresPerMinute, "must be between 20 and 200 metres per minute");
      this.speed = metresPerMinute;
      return this;
    }

    /**
     * Sets how many vertices a straight-line circle has.
     *
     * @param value 8 to 720
     * @return this builder
     * @throws InvalidValueException if out of range
     */
    public Builder segments(int value) {
      InvalidValueException.check(value >= 8 && value <= 720, "segments", value,
          "must be between 8 and 720");
      this.segments = value;
      return this;
    }

    /** @return the configured drawer */
    public Isochrones build() {
      return new Isochrones(this);
    }
  }
}
