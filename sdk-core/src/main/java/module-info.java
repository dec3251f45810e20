/**
 * Linli core: the neighbourhood domain model (places, people, facilities), WGS-84/GCJ-02 geometry
 * with a spatial index, the JSON/CSV/GeoJSON data formats and a synthetic city generator.
 */
// The sibling modules named by the qualified export are built after this one.
@SuppressWarnings("module")
module dev.linli.core {
  // StrictJson hands out Jackson trees, so its users read them without requiring Jackson again
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.fasterxml.jackson.dataformat.csv;
  requires transitive java.sql;
  // OSM XML is read with the JDK's streaming parser (StAX).
  requires java.xml;

  exports dev.linli.core;
  exports dev.linli.core.circle;
  exports dev.linli.core.city;
  exports dev.linli.core.facility;
  exports dev.linli.core.geo;
  exports dev.linli.core.io;
  exports dev.linli.core.osm;
  // Shared with the sibling modules only (as Jdbi shares its internals): never part of the API.
  exports dev.linli.core.internal to dev.linli.points, dev.linli.scheduling;
  exports dev.linli.core.people;
  exports dev.linli.core.place;
  // JDBC machinery shared by the PostgreSQL stores of sibling modules, never by users.
  exports dev.linli.core.internal.sql to dev.linli.points, dev.linli.scheduling;

  // Jackson builds the records reflectively.
  opens dev.linli.core to com.fasterxml.jackson.databind;
  opens dev.linli.core.circle to com.fasterxml.jackson.databind;
  opens dev.linli.core.city to com.fasterxml.jackson.databind;
  opens dev.linli.core.facility to com.fasterxml.jackson.databind;
  opens dev.linli.core.geo to com.fasterxml.jackson.databind;
  opens dev.linli.core.osm to com.fasterxml.jackson.databind;
  opens dev.linli.core.people to com.fasterxml.jackson.databind;
  opens dev.linli.core.place to com.fasterxml.jackson.databind;
}
