/**
 * OpenStreetMap import: a streaming reader for OSM XML ({@link dev.linli.core.osm.OsmXml}), a walk
 * network built from ways by a {@link dev.linli.core.osm.WalkProfile} and points of interest mapped
 * to facility types by a {@link dev.linli.core.osm.PoiMapping}, both data documents with bundled
 * defaults ({@link dev.linli.core.osm.OsmImport}).
 *
 * <p>Any reader that calls an {@link dev.linli.core.osm.OsmHandler} feeds the import: the
 * {@code linli} command line reads {@code .osm.pbf} files that way, so that this module needs no
 * protocol-buffer library. Coordinates are WGS-84, rounded to OpenStreetMap's 1e-7 degrees.
 * Relations (multipolygons, routes) are not read.
 *
 * @since 0.1.0
 */
package dev.linli.core.osm;
