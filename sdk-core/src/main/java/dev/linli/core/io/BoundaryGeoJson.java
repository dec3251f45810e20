package dev.linli.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linli.core.DataFormatException;
import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.LinliIoException;
import dev.linli.core.Problem;
import dev.linli.core.geo.Boundary;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.geo.GeoPolygon;
import dev.linli.core.internal.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads community boundaries (社区边界) from a GeoJSON (RFC 7946) FeatureCollection of
 * {@code Polygon} and {@code MultiPolygon} features, keyed by each feature's {@code id}.
 *
 * <p>Strict: every feature needs a string {@code id} that is a valid {@link Id} and unique in the
 * file, and a Polygon or MultiPolygon geometry whose rings are closed (first position equals last)
 * with at least four positions of {@code [longitude, latitude]} (an altitude is allowed and
 * ignored), WGS-84. Rings of either winding are accepted and normalised (RFC 7946 §3.1.6 asks parsers
 * not to refuse them). Feature {@code properties} and foreign members are ignored. Every problem is
 * collected with its line and JSON path before one {@link DataFormatException} is thrown; nothing is
 * returned from a file with a problem. Stateless and thread-safe.
 *
 * @since 0.2.0
 */
public final class BoundaryGeoJson {
  private BoundaryGeoJson() {}

  /**
   * Reads boundaries.
   *
   * @param in UTF-8 JSON, not null; not closed
   * @param source a name for messages
   * @return boundary per feature id, in file order
   * @throws DataFormatException listing every problem with line and JSON path
   */
  public static Map<String, Boundary> read(InputStream in, String source) {
    List<Problem> problems = new ArrayList<>();
    Map<String, Boundary> out = new LinkedHashMap<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    Tables.forEachFeature(in, source, (feature, line, path) ->
        feature(feature, new Where(source, line, path), out, seen, problems), problems);
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Reads boundaries from a file.
   *
   * @param file the GeoJSON file, not null
   * @return boundary per feature id, in file order
   * @throws DataFormatException listing every problem
   * @throws LinliIoException if the file cannot be read
   */
  public static Map<String, Boundary> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new LinliIoException(file.toString(), "cannot be read", e);
    }
  }

  private record Where(String source, long line, String path) {
    Problem problem(String suffix, String message) {
      return new Problem(source, line, path + suffix, message);
    }
  }

  private static void feature(JsonNode feature, Where at, Map<String, Boundary> out,
      java.util.Set<String> seen, List<Problem> problems) {
    if (!feature.isObject() || !"Feature".equals(feature.path("type").asText())) {
      problems.add(at.problem(".type", "each feature must be an object with \"type\": \"Feature\""));
      return;
    }
    JsonNode idNode = feature.get("id");
    String id = null;
    if (idNode == null || !idNode.isTextual()) {
      problems.add(at.problem(".id", "each boundary needs a string \"id\": the community id it "
          + "outlines (got " + Problem.excerpt(idNode) + ")"));
    } else {
      try {
        id = Id.require(idNode.asText(), "id");
      } catch (InvalidValueException e) {
        problems.add(at.problem(".id", e.getMessage()));
        id = null;
      }
      if (id != null && !seen.add(id)) {
        problems.add(at.problem(".id", "duplicate id " + id + ": a community has one boundary "
            + "(give several parts as one MultiPolygon)"));
        id = null;
      }
    }
    JsonNode geometry = feature.path("geometry");
    String kind = geometry.path("type").asText();
    JsonNode coordinates = geometry.path("coordinates");
    List<GeoPolygon> parts = new ArrayList<>();
    int before = problems.size();
    if (kind.equals("Polygon")) {
      GeoPolygon polygon = polygon(coordinates, at, ".geometry.coordinates", problems);
      if (polygon != null) {
        parts.add(polygon);
      }
    } else if (kind.equals("MultiPolygon")) {
      if (!coordinates.isArray() || coordinates.isEmpty()) {
        problems.add(at.problem(".geometry.coordinates",
            "a MultiPolygon's coordinates are a non-empty array of polygons"));
      } else {
        for (int i = 0; i < coordinates.size(); i++) {
          GeoPolygon polygon = polygon(coordinates.get(i), at,
              ".geometry.coordinates[" + i + "]", problems);
          if (polygon != null) {
            parts.add(polygon);
          }
        }
      }
    } else {
      problems.add(at.problem(".geometry.type", "must be \"Polygon\" or \"MultiPolygon\" (got "
          + Problem.excerpt(kind.isEmpty() ? "nothing" : kind) + ")"));
    }
    if (id != null && problems.size() == before && !parts.isEmpty()) {
      out.put(id, new Boundary(parts));
    }
  }

  private static GeoPolygon polygon(JsonNode rings, Where at, String path,
      List<Problem> problems) {
    if (!rings.isArray() || rings.isEmpty()) {
      problems.add(at.problem(path, "a Polygon's coordinates are a non-empty array of rings "
          + "(the exterior first, then holes)"));
      return null;
    }
    List<List<GeoPoint>> parsed = new ArrayList<>();
    for (int r = 0; r < rings.size(); r++) {
      List<GeoPoint> ring = ring(rings.get(r), at, path + "[" + r + "]", problems);
      if (ring == null) {
        return null;
      }
      parsed.add(ring);
    }
    try {
      return new GeoPolygon(parsed);
    } catch (InvalidValueException e) {
      // The field is rings[r]; the JSON path of ring r is path[r].
      String field = e.field().startsWith("rings") ? e.field().substring("rings".length()) : "";
      problems.add(at.problem(path + field, e.value() + ": " + e.allowed()));
      return null;
    }
  }

  private static List<GeoPoint> ring(JsonNode ring, Where at, String path, List<Problem> problems) {
    if (!ring.isArray() || ring.size() < 4) {
      problems.add(at.problem(path, "a linear ring is an array of at least 4 positions, the last "
          + "equal to the first (got " + Problem.excerpt(ring) + ")"));
      return null;
    }
    List<GeoPoint> out = new ArrayList<>(ring.size());
    for (int i = 0; i < ring.size(); i++) {
      JsonNode position = ring.get(i);
      if (!position.isArray() || position.size() < 2 || position.size() > 3
          || !position.get(0).isNumber() || !position.get(1).isNumber()) {
        problems.add(at.problem(path + "[" + i + "]", "a position is [longitude, latitude] in "
            + "degrees, optionally with an altitude (got " + Problem.excerpt(position) + ")"));
        return null;
      }
      try {
        out.add(new GeoPoint(position.get(1).asDouble(), position.get(0).asDouble()));
      } catch (InvalidValueException e) {
        problems.add(at.problem(path + "[" + i + "]", e.getMessage()
            + " (positions are [longitude, latitude], longitude first)"));
        return null;
      }
    }
    if (!out.get(0).equals(out.get(out.size() - 1))) {
      problems.add(at.problem(path, "a linear ring must be closed: its last position "
          + out.get(out.size() - 1) + " must equal its first " + out.get(0)));
      return null;
    }
    return out;
  }
}
