/**
 * Linli core: the neighbourhood domain model (places, people, facilities), WGS-84/GCJ-02 geometry
 * with a spatial index, the JSON/CSV/GeoJSON data formats and a synthetic city generator.
 */
module dev.linli.core {
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;

  exports dev.linli.core;
  exports dev.linli.core.geo;
}
