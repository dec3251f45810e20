package dev.linli.core.circle;

import dev.linli.core.LinliIoException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.linli.core.internal.JsonMapping;
import dev.linli.core.InvalidValueException;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.geo.SpatialIndex;
import dev.linli.core.internal.GeoJsonOut;
import dev.linli.core.internal.JsonDocuments;
import dev.linli.core.internal.JsonErrors;
import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A pedestrian path graph: nodes at WGS-84 points and edges with a walking length in metres, read from
 * GeoJSON LineStrings (what OSMnx and QGIS export) or built in code.
 *
 * <p>Reading: every LineString (or MultiLineString part) becomes a chain of edges between its
 * consecutive coordinates; coordinates within the snap tolerance of an earlier node are merged into
 * it, which joins lines that meet at slightly different points. An edge's length is the great-circle
 * length of its segment. A feature property {@code oneway} ({@code true}, {@code "yes"} or {@code 1})
 * makes its edges walkable only in drawing order; {@code barrier} ({@code true}/{@code "yes"}/{@code 1})
 * removes them. Homes and facilities join the network at their nearest node, the straight-line access
 * distance being added to the path, so a network distance is never shorter than the straight line.
 * {@link #components()} reports disconnected parts (an island of paths reachable from nothing else
 * is a data error worth seeing).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class WalkNetwork implements Travel {
  private final double[] lat;
  private final double[] lon;
  // Reverse adjacency (edges into a node) in compressed rows: a search from a facility over it
  // finds the distance from every node to the facility, which respects one-way paths.
  private final int[] inOffsets;
  private final int[] inSources;
  private final double[] inLengths;
  // Forward adjacency (edges out of a node), for searches that start at homes.
  private final int[] outOffsets;
  private final int[] outTargets;
  private final double[] outLengths;
  private final int edgeCount;
  private final int[] componentSizes;
  private final SpatialIndex<Integer> nodeIndex;

  private WalkNetwork(double[] lat, double[] lon, int[] from, int[] to, double[] length, int edges) {
    int n = lat.length;
    this.lat = lat;
    this.lon = lon;
    this.edgeCount = edges;
    int[] counts = new int[n + 1];
    for (int e = 0; e < edges; e++) {
      counts[to[e] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      counts[i + 1] += counts[i];
    }
    this.inOffsets = counts.clone();
    this.inSources = new int[edges];
    this.inLengths = new double[edges];
    int[] fill = Arrays.copyOf(counts, n);
    for (int e = 0; e < edges; e++) {
      int slot = fill[to[e]]++;
      inSources[slot] = from[e];
      inLengths[slot] = length[e];
    }
    int[] outCounts = new int[n + 1];
    for (int e = 0; e < edges; e++) {
      outCounts[from[e] + 1]++;
    }
    for (int i = 0; i < n; i++) {
      outCounts[i + 1] += outCounts[i];
    }
    this.outOffsets = outCounts.clone();
    this.outTargets = new int[edges];
    this.outLengths = new double[edges];
    int[] outFill = Arrays.copyOf(outCounts, n);
    for (int e = 0; e < edges; e++) {
      int slot = outFill[from[e]]++;
      outTargets[slot] = to[e];
      outLengths[slot] = length[e];
    }
    this.componentSizes = components(n, from, to, edges);
    List<Integer> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(i);
    }
    this.nodeIndex = SpatialIndex.of(ids, i -> new GeoPoint(lat[i], lon[i]));
  }

  private static int[] components(int n, int[] from, int[] to, int edges) {
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int e = 0; e < edges; e++) {
      int a = find(parent, from[e]);
      int b = find(parent, to[e]);
      if (a != b) {
        parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
    Map<Integer, Integer> sizes = new HashMap<>();
    for (int i = 0; i < n; i++) {
      sizes.merge(find(parent, i), 1, Integer::sum);
    }
    return sizes.values().stream().sorted((a, b) -> Integer.compare(b, a))
        .mapToInt(Integer::intValue).toArray();
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /**
   * Returns a builder for a network made in code.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a network from a GeoJSON FeatureCollection of LineStrings and MultiLineStrings.
   *
   * @param in UTF-8 GeoJSON; not closed
   * @param source a name for messages
   * @param snapToleranceMetres coordinates closer than this to an earlier node join it, {@code >= 0}
   * @return the network
   * @throws DataFormatException listing every feature that is not a usable line
   */
  public static WalkNetwork fromGeoJson(InputStream in, String source, double snapToleranceMetres) {
    InvalidValueException.check(snapToleranceMetres >= 0 && snapToleranceMetres <= 100,
        "snapToleranceMetres", snapToleranceMetres, "must be between 0 and 100 metres");
    byte[] bytes;
    try {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new LinliIoException(source, "cannot be read", e);
    }
    JsonNode root = JsonDocuments.readTree(new ByteArrayInputStream(bytes), source);
    if (!"FeatureCollection".equals(root.path("type").asText())
        || !root.path("features").isArray()) {
      throw new DataFormatException(List.of(new Problem(source, 1, "$",
          "a walk network is a GeoJSON FeatureCollection of LineString features")));
    }
    Builder b = builder().snapTolerance(snapToleranceMetres);
    List<Problem> problems = new ArrayList<>();
    JsonNode features = root.get("features");
    FeatureLines lines = new FeatureLines(bytes, source);
    for (int f = 0; f < features.size(); f++) {
      feature(b, features.get(f), source, lines, f, problems);
    }
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    return b.build();
  }

  private static void feature(Builder b, JsonNode feature, String source, FeatureLines lines,
      int index, List<Problem> problems) {
    String path = "$.features[" + index + "]";
    JsonNode geometry = feature.path("geometry");
    String type = geometry.path("type").asText();
    JsonNode coordinates = geometry.path("coordinates");
    List<JsonNode> parts = new ArrayList<>();
    if (type.equals("LineString")) {
      parts.add(coordinates);
    } else if (type.equals("MultiLineString") && coordinates.isArray()) {
      coordinates.forEach(parts::add);
    } else if (!type.equals("MultiLineString")) {
      problems.add(new Problem(source, lines.of(index), path + ".geometry",
          "must be a LineString or MultiLineString (got " + (type.isEmpty() ? "nothing" : type)
              + ")"));
      return;
    }
    if (parts.isEmpty() || parts.stream().anyMatch(l -> !l.isArray() || l.size() < 2)) {
      problems.add(new Problem(source, lines.of(index), path + ".geometry.coordinates",
          "must be an array of at least two [longitude, latitude] positions (got "
              + (coordinates.isMissingNode() ? "nothing" : cut(coordinates.toString())) + ")"));
      return;
    }
    JsonNode props = feature.path("properties");
    if (flag(props.path("barrier"))) {
      return;
    }
    boolean oneWay = flag(props.path("oneway"));
    for (JsonNode coordinateLine : parts) {
      int previous = -1;
      for (int c = 0; c < coordinateLine.size(); c++) {
        JsonNode pt = coordinateLine.get(c);
        GeoPoint point;
        try {
          point = new GeoPoint(pt.path(1).asDouble(Double.NaN), pt.path(0).asDouble(Double.NaN));
        } catch (InvalidValueException e) {
          problems.add(new Problem(source, lines.of(index), path + ".geometry.coordinates",
              JsonErrors.describe(e) + "; GeoJSON puts longitude first"));
          previous = -1;
          continue;
        }
        int node = b.node(point);
        if (previous >= 0 && previous != node) {
          b.edge(previous, node, oneWay);
        }
        previous = node;
      }
    }
  }

  /**
   * The line each feature starts on, found by a second, streaming pass over the bytes only when a
   * problem needs it (the tree the document was read into has no positions).
   */
  private static final class FeatureLines {
    private final byte[] bytes;
    private final String source;
    private List<Long> lines;

    FeatureLines(byte[] bytes, String source) {
      this.bytes = bytes;
      this.source = source;
    }

    long of(int index) {
      if (lines == null) {
        lines = new ArrayList<>();
        try (JsonParser p = JsonMapping.mapper(true).createParser(bytes)) {
          p.nextToken();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            if (p.nextToken() == JsonToken.START_ARRAY && field.equals("features")) {
              while (p.nextToken() != JsonToken.END_ARRAY) {
                lines.add((long) p.currentTokenLocation().getLineNr());
                p.skipChildren();
              }
            } else {
              p.skipChildren();
            }
          }
        } catch (IOException e) {
          // Cannot happen: the same bytes were just read as one document.
          throw new LinliIoException(source, "cannot be read", e);
        }
      }
      return index < lines.size() ? lines.get(index) : 0;
    }
  }

  private static String cut(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "… (" + text.length()
        + " characters)";
  }

  private static boolean flag(JsonNode v) {
    return v.isBoolean() ? v.asBoolean()
        : v.isNumber() ? v.asInt() == 1
        : v.isTextual() && (v.asText().equalsIgnoreCase("yes") || v.asText().equalsIgnoreCase("true")
            || v.asText().equals("1"));
  }

  /**
   * Writes the network as GeoJSON: one two-point LineString per edge, {@code oneway} where it is.
   *
   * @param out where to write; not closed
   * @throws LinliIoException if writing fails
   */
  public void writeGeoJson(OutputStream out) {
    try (GeoJsonOut geo = GeoJsonOut.open(out)) {
      for (int to = 0; to < lat.length; to++) {
        for (int k = inOffsets[to]; k < inOffsets[to + 1]; k++) {
          int from = inSources[k];
          boolean twoWay = hasEdge(to, from);
          if (twoWay && from > to) {
            continue;
          }
          geo.line(null, new double[] {lon[from], lat[from]}, new double[] {lon[to], lat[to]});
          JsonGenerator g = geo.properties();
          g.writeObjectFieldStart("properties");
          if (!twoWay) {
            g.writeBooleanField("oneway", true);
          }
          g.writeEndObject();
          geo.endFeature();
        }
      }
    } catch (IOException e) {
      throw new LinliIoException("the output", "cannot be written", e);
    }
  }

  private boolean hasEdge(int from, int to) {
    for (int k = inOffsets[to]; k < inOffsets[to + 1]; k++) {
      if (inSources[k] == from) {
        return true;
      }
    }
    return false;
  }

  /** @return the number of nodes */
  public int nodeCount() {
    return lat.length;
  }

  /** @return the number of directed edges (a two-way path counts twice) */
  public int edgeCount() {
    return edgeCount;
  }

  /**
   * Returns the sizes of the weakly connected components, largest first.
   *
   * @return node counts per component; one entry for a connected network
   */
  public List<Integer> components() {
    return Arrays.stream(componentSizes).boxed().toList();
  }

  /**
   * Returns the position of a node.
   *
   * @param node a node number
   * @return its point
   */
  public GeoPoint node(int node) {
    return new GeoPoint(lat[node], lon[node]);
  }

  /**
   * Returns the node nearest to {@code p}, where a home or facility joins the network.
   *
   * @param p a point
   * @return the nearest node and the straight-line access distance, or null for an empty network
   */
  public SpatialIndex.Hit<Integer> attach(GeoPoint p) {
    List<SpatialIndex.Hit<Integer>> hits = nodeIndex.nearest(p, 1);
    return hits.isEmpty() ? null : hits.get(0);
  }

  /**
   * Walking distances to a target node from every node that can reach it within {@code limit}.
   * Dijkstra's algorithm over reversed edges; {@code scratch} is reused between calls by one thread.
   *
   * @param target the node walked to
   * @param startMetres distance already walked at the target (its access distance)
   * @param limit the largest distance of interest
   * @param scratch per-thread work space from {@link #newScratch()}
   * @param visit called once per reached node with its distance, nearest first
   */
  void searchTowards(int target, double startMetres, double limit, Scratch scratch,
      NodeVisitor visit) {
    search(target, startMetres, limit, scratch, visit, inOffsets, inSources, inLengths);
  }

  /**
   * Walking distances from a start node to every node it reaches within {@code limit}, over the
   * edges as walked.
   *
   * @param start the node walked from
   * @param startMetres distance already walked at the start (its access distance)
   * @param limit the largest distance of interest
   * @param scratch per-thread work space from {@link #newScratch()}
   * @param visit called once per reached node with its distance, nearest first
   */
  void searchFrom(int start, double startMetres, double limit, Scratch scratch,
      NodeVisitor visit) {
    search(start, startMetres, limit, scratch, visit, outOffsets, outTargets, outLengths);
  }

  private static void search(int origin, double startMetres, double limit, Scratch scratch,
      NodeVisitor visit, int[] offsets, int[] neighbours, double[] lengths) {
    scratch.reset();
    scratch.offer(origin, startMetres);
    while (!scratch.isEmpty()) {
      int node = scratch.pollNode();
      double d = scratch.dist[node];
      if (scratch.settled[node]) {
        continue;
      }
      scratch.settled[node] = true;
      visit.reached(node, d);
      for (int k = offsets[node]; k < offsets[node + 1]; k++) {
        int next = neighbours[k];
        double nd = d + lengths[k];
        if (nd <= limit && !scratch.settled[next] && nd < scratch.dist[next]) {
          scratch.offer(next, nd);
        }
      }
    }
  }

  /** Calls {@code visit} with every directed edge (from, to, metres), for checks and exports. */
  void forEachEdge(EdgeVisitor visit) {
    for (int to = 0; to < lat.length; to++) {
      for (int k = inOffsets[to]; k < inOffsets[to + 1]; k++) {
        visit.edge(inSources[k], to, inLengths[k]);
      }
    }
  }

  /**
   * Calls {@code visit} with every directed edge at one node: the edges out of it when
   * {@code outward}, else the edges into it (reported as from, to, metres either way).
   */
  void forEachEdgeAt(int node, boolean outward, EdgeVisitor visit) {
    if (outward) {
      for (int k = outOffsets[node]; k < outOffsets[node + 1]; k++) {
        visit.edge(node, outTargets[k], outLengths[k]);
      }
    } else {
      for (int k = inOffsets[node]; k < inOffsets[node + 1]; k++) {
        visit.edge(inSources[k], node, inLengths[k]);
      }
    }
  }

  /** Receives directed edges. */
  interface EdgeVisitor {
    void edge(int from, int to, double metres);
  }

  /** Receives the nodes a search reaches. */
  interface NodeVisitor {
    void reached(int node, double metres);
  }

  /** @return fresh per-thread work space for searches on this network */
  Scratch newScratch() {
    return new Scratch(lat.length);
  }

  /** Per-thread Dijkstra state: distances, settled flags, a binary heap, and what to reset. */
  static final class Scratch {
    final double[] dist;
    final boolean[] settled;
    private int[] touched = new int[64];
    private int touchedCount;
    private int[] heapNode = new int[64];
    private double[] heapDist = new double[64];
    private int heapSize;

    Scratch(int n) {
      dist = new double[n];
      settled = new boolean[n];
      Arrays.fill(dist, Double.POSITIVE_INFINITY);
    }

    void reset() {
      for (int i = 0; i < touchedCount; i++) {
        dist[touched[i]] = Double.POSITIVE_INFINITY;
        settled[touched[i]] = false;
      }
      touchedCount = 0;
      heapSize = 0;
    }

    void offer(int node, double d) {
      if (dist[node] == Double.POSITIVE_INFINITY) {
        if (touchedCount == touched.length) {
          touched = Arrays.copyOf(touched, touchedCount * 2);
        }
        touched[touchedCount++] = node;
      }
      dist[node] = d;
      if (heapSize == heapNode.length) {
        heapNode = Arrays.copyOf(heapNode, heapSize * 2);
        heapDist = Arrays.copyOf(heapDist, heapSize * 2);
      }
      int i = heapSize++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (heapDist[parent] <= d) {
          break;
        }
        heapNode[i] = heapNode[parent];
        heapDist[i] = heapDist[parent];
        i = parent;
      }
      heapNode[i] = node;
      heapDist[i] = d;
    }

    boolean isEmpty() {
      return heapSize == 0;
    }

    int pollNode() {
      int top = heapNode[0];
      int lastNode = heapNode[--heapSize];
      double lastDist = heapDist[heapSize];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= heapSize) {
          break;
        }
        if (child + 1 < heapSize && heapDist[child + 1] < heapDist[child]) {
          child++;
        }
        if (heapDist[child] >= lastDist) {
          break;
        }
        heapNode[i] = heapNode[child];
        heapDist[i] = heapDist[child];
        i = child;
      }
      heapNode[i] = lastNode;
      heapDist[i] = lastDist;
      return top;
    }
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "walk network of %d nodes, %d edges, %d components",
        nodeCount(), edgeCount, componentSizes.length);
  }

  /** Collects nodes and edges of a {@link WalkNetwork}. Not thread-safe. */
  public static final class Builder {
    private double snapMetres;
    private double[] lat = new double[1024];
    private double[] lon = new double[1024];
    private int nodes;
    private int[] from = new int[1024];
    private int[] to = new int[1024];
    private double[] length = new double[1024];
    private int edges;
    private final Map<Long, List<Integer>> cells = new HashMap<>();

    private Builder() {}

    /**
     * Merges new nodes into earlier ones closer than {@code metres}.
     *
     * @param metres snap tolerance, {@code >= 0}; 0 merges only identical points
     * @return this builder
     */
    public Builder snapTolerance(double metres) {
      InvalidValueException.check(metres >= 0 && Double.isFinite(metres), "snapToleranceMetres",
          metres, "must be a distance >= 0");
      this.snapMetres = metres;
      return this;
    }

    /**
     * Adds a node, or returns the earlier node it snaps to.
     *
     * @param p the point
     * @return the node number
     */
    public int node(GeoPoint p) {
      double cellDegrees = Math.max(snapMetres, 1e-3) / 111_000.0;
      long cx = (long) Math.floor(p.lon() / cellDegrees);
      long cy = (long) Math.floor(p.lat() / cellDegrees);
      for (long dx = -1; dx <= 1; dx++) {
        for (long dy = -1; dy <= 1; dy++) {
          for (int candidate : cells.getOrDefault(key(cx + dx, cy + dy), List.of())) {
            double d = p.distanceTo(new GeoPoint(lat[candidate], lon[candidate]));
            if (d <= snapMetres) {
              return candidate;
            }
          }
        }
      }
      if (nodes == lat.length) {
        lat = Arrays.copyOf(lat, nodes * 2);
        lon = Arrays.copyOf(lon, nodes * 2);
      }
      lat[nodes] = p.lat();
      lon[nodes] = p.lon();
      cells.computeIfAbsent(key(cx, cy), k -> new ArrayList<>(2)).add(nodes);
      return nodes++;
    }

    private static long key(long x, long y) {
      return x * 4_000_003L + y;
    }

    /**
     * Adds a path between two nodes, its length the great-circle distance between them.
     *
     * @param a a node number
     * @param b another node number
     * @param oneWay true if it may be walked only from {@code a} to {@code b}
     * @return this builder
     */
    public Builder edge(int a, int b, boolean oneWay) {
      InvalidValueException.check(a >= 0 && a < nodes && b >= 0 && b < nodes && a != b, "edge",
          a + "-" + b, "must join two different existing nodes (0.." + (nodes - 1) + ")");
      double metres = new GeoPoint(lat[a], lon[a]).distanceTo(new GeoPoint(lat[b], lon[b]));
      add(a, b, metres);
      if (!oneWay) {
        add(b, a, metres);
      }
      return this;
    }

    private void add(int a, int b, double metres) {
      if (edges == from.length) {
        from = Arrays.copyOf(from, edges * 2);
        to = Arrays.copyOf(to, edges * 2);
        length = Arrays.copyOf(length, edges * 2);
      }
      from[edges] = a;
      to[edges] = b;
      length[edges] = metres;
      edges++;
    }

    /**
     * Builds the network.
     *
     * @return the network
     */
    public WalkNetwork build() {
      return new WalkNetwork(Arrays.copyOf(lat, nodes), Arrays.copyOf(lon, nodes), from, to, length,
          edges);
    }
  }
}
