package dev.linli.core.geo;

import dev.linli.core.InvalidValueException;
import java.util.Locale;

/**
 * A point on the WGS-84 ellipsoid, in decimal degrees: the datum of GPS and of RFC 7946 GeoJSON.
 *
 * <p>Chinese map apps show GCJ-02 coordinates instead; convert those with {@link ChinaCoordinates}
 * before building a {@code GeoPoint}. Distances are great-circle distances on a sphere of the
 * IUGG mean Earth radius ({@value #EARTH_RADIUS_METRES} m), which is within 0.5% of the ellipsoidal
 * distance and far below the error of a straight-line walking estimate.
 *
 * <p>{@link #toString()} prints {@code lat,lon} with 7 decimals (about 1 cm) and {@link #parse} reads
 * it back. Immutable and thread-safe.
 *
 * @param lat latitude in degrees, in [-90, 90]
 * @param lon longitude in degrees, in [-180, 180]
 * @since 0.1.0
 */
public record GeoPoint(double lat, double lon) {
  /** Mean Earth radius R1 of the IUGG, in metres. */
  public static final double EARTH_RADIUS_METRES = 6_371_008.8;

  /**
   * Validates the coordinates.
   *
   * @throws InvalidValueException if a coordinate is not finite or out of range
   */
  public GeoPoint {
    InvalidValueException.check(Double.isFinite(lat) && lat >= -90 && lat <= 90, "lat", lat,
        "must be a latitude in degrees between -90 and 90");
    InvalidValueException.check(Double.isFinite(lon) && lon >= -180 && lon <= 180, "lon", lon,
        "must be a longitude in degrees between -180 and 180");
    // Normalise -0.0 so that equal points have equal hash codes.
    lat = lat == 0.0 ? 0.0 : lat;
    lon = lon == 0.0 ? 0.0 : lon;
  }

  /**
   * Returns the point at the given latitude and longitude.
   *
   * @param lat latitude in degrees
   * @param lon longitude in degrees
   * @return the point
   */
  public static GeoPoint of(double lat, double lon) {
    return new GeoPoint(lat, lon);
  }

  /**
   * Parses {@code "lat,lon"} as written by {@link #toString()}.
   *
   * @param text the text, for example {@code "30.2741,120.1551"}, not null
   * @return the point
   * @throws InvalidValueException if the text is not two comma-separated numbers in range
   */
  public static GeoPoint parse(String text) {
    String[] parts = text.split(",", -1);
    InvalidValueException.check(parts.length == 2, "location", text,
        "must be \"lat,lon\" in decimal degrees, for example \"30.2741,120.1551\"");
    try {
      return new GeoPoint(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()));
    } catch (NumberFormatException e) {
      throw new InvalidValueException("location", text,
          "must be \"lat,lon\" in decimal degrees, for example \"30.2741,120.1551\"");
    }
  }

  /**
   * Returns the great-circle distance to {@code other}, in metres (haversine formula).
   *
   * @param other the other point, not null
   * @return the distance in metres, {@code >= 0}
   */
  public double distanceTo(GeoPoint other) {
    double phi1 = Math.toRadians(lat);
    double phi2 = Math.toRadians(other.lat);
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(other.lon - lon);
    double sinPhi = Math.sin(dPhi / 2);
    double sinLambda = Math.sin(dLambda / 2);
    double h = sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * sinLambda * sinLambda;
    return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1.0, Math.sqrt(h)));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.7f,%.7f", lat, lon);
  }
}
