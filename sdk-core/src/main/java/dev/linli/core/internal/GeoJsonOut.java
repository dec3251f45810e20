package dev.linli.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;

/**
 * Writes a GeoJSON FeatureCollection one feature per line, the layout every Linli GeoJSON file uses.
 * Not thread-safe; close it to finish the collection (the caller's stream stays open).
 */
public final class GeoJsonOut implements Closeable {
  private final JsonGenerator g;

  private GeoJsonOut(JsonGenerator g) {
    this.g = g;
  }

  /**
   * Starts a collection.
   *
   * @param out where to write UTF-8; not closed
   * @return the writer
   * @throws IOException if writing fails
   */
  public static GeoJsonOut open(OutputStream out) throws IOException {
    return start(JsonMapping.mapper(false).getFactory().createGenerator(NonClosing.output(out)));
  }

  /**
   * Starts a collection whose features the caller writes field by field: the same bytes as
   * {@link #open}, but its generator has no mapper behind it, so {@code writeTree}, and
   * {@code writeObject} of anything but a string, number or boolean, throw
   * {@link IllegalStateException}; a run that only streams JSON then builds no {@code
   * ObjectMapper}.
   *
   * @param out where to write UTF-8; not closed
   * @return the writer
   * @throws IOException if writing fails
   */
  public static GeoJsonOut openFieldByField(OutputStream out) throws IOException {
    return start(JsonMapping.factory().createGenerator(NonClosing.output(out)));
  }

  private static GeoJsonOut start(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "FeatureCollection");
    g.writeArrayFieldStart("features");
    return new GeoJsonOut(g);
  }

  /** Decimal places of a computed coordinate: 7 is about 1 cm, finer than any survey. */
  public static final int DECIMALS = 7;

  /**
   * Returns a computed coordinate (a site, a converted point) rounded to {@link #DECIMALS} places,
   * so that files do not carry 15 digits of floating-point noise; coordinates read from the user's
   * data are written as given.
   *
   * @param degrees a longitude or latitude
   * @return it rounded half-even, without trailing zeros
   */
  public static BigDecimal computed(double degrees) {
    BigDecimal d = BigDecimal.valueOf(degrees).setScale(DECIMALS, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  /**
   * Starts a feature with a Point geometry; follow with properties and {@link #endFeature()}.
   *
   * @param id the feature id, or null for none
   * @param lon longitude, written as given
   * @param lat latitude, written as given
   * @throws IOException if writing fails
   */
  public void point(String id, BigDecimal lon, BigDecimal lat) throws IOException {
    start(id, "Point");
    g.writeStartArray();
    g.writeNumber(lon);
    g.writeNumber(lat);
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * Starts a feature with a LineString geometry; follow with properties and {@link #endFeature()}.
   *
   * @param id the feature id, or null for none
   * @param lonLat the vertices as {lon, lat} pairs, written to {@link #DECIMALS} places
   * @throws IOException if writing fails
   */
  public void line(String id, double[]... lonLat) throws IOException {
    start(id, "LineString");
    g.writeStartArray();
    for (double[] p : lonLat) {
      g.writeStartArray();
      g.writeNumber(computed(p[0]));
      g.writeNumber(computed(p[1]));
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private void start(String id, String geometry) throws IOException {
    g.writeRaw('\n');
    g.writeStartObject();
    g.writeStringField("type", "Feature");
    if (id != null) {
      g.writeStringField("id", id);
    }
    g.writeObjectFieldStart("geometry");
    g.writeStringField("type", geometry);
    g.writeFieldName("coordinates");
  }

  /**
   * Returns the generator, positioned for the current feature's {@code "properties"} field.
   *
   * @return the generator
   */
  public JsonGenerator properties() {
    return g;
  }

  /**
   * Ends the current feature.
   *
   * @throws IOException if writing fails
   */
  public void endFeature() throws IOException {
    g.writeEndObject();
  }

  @Override
  public void close() throws IOException {
    g.writeRaw('\n');
    g.writeEndArray();
    g.writeEndObject();
    g.writeRaw('\n');
    g.close();
  }
}
