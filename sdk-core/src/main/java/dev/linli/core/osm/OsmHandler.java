package dev.linli.core.osm;

import java.util.Map;

/**
 * Receives OpenStreetMap elements from a reader, in file order (OpenStreetMap files list nodes
 * before ways; an import does not rely on it). Implementations need not be thread-safe: a reader
 * calls one handler from one thread.
 *
 * @since 0.1.0
 */
public interface OsmHandler {
  /**
   * Receives a node.
   *
   * @param id the OpenStreetMap node id
   * @param lat WGS-84 latitude in degrees
   * @param lon WGS-84 longitude in degrees
   * @param tags the node's tags, empty if none, not null
   */
  void node(long id, double lat, double lon, Map<String, String> tags);

  /**
   * Receives a way.
   *
   * @param id the OpenStreetMap way id
   * @param nodeIds the ids of its nodes in order (first equal to last for a closed way), not null
   * @param tags the way's tags, empty if none, not null
   */
  void way(long id, long[] nodeIds, Map<String, String> tags);
}
