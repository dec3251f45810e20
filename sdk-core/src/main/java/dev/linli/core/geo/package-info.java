/**
 * Geometry on the WGS-84 ellipsoid: {@link dev.linli.core.geo.GeoPoint}, conversion to and from
 * China's GCJ-02 and Baidu's BD-09 ({@link dev.linli.core.geo.ChinaCoordinates}), polygons and
 * boundaries ({@link dev.linli.core.geo.GeoPolygon}, {@link dev.linli.core.geo.Boundary}: point in
 * polygon, area in square metres, seeded spread of points) and a
 * {@link dev.linli.core.geo.SpatialIndex} for nearest and within-radius queries.
 *
 * <p>Guarantees: coordinates are degrees (latitude first in Java, longitude first in GeoJSON),
 * distances metres, areas square metres; values are immutable and thread-safe, and a built index may be queried from any
 * number of threads.
 *
 * @since 0.1.0
 */
package dev.linli.core.geo;
