package dev.linli.core.geo;

/**
 * Converts between WGS-84 and GCJ-02, the obfuscated datum that Chinese map apps (Amap/高德, Tencent,
 * and Baidu before its own further shift) display and return.
 *
 * <p>A point copied from such an app is GCJ-02 and lies 100–700 m from the true WGS-84 position;
 * convert it with {@link #toWgs84} before measuring distances or writing GeoJSON. The forward transform
 * is the published closed formula on the Krasovsky 1940 ellipsoid; the inverse has no closed form and is
 * computed by fixed-point iteration until the forward image of the result is within 1e-11° (about
 * 1 µm) of the input, which in practice takes 3–6 steps and round-trips to well under a millimetre.
 *
 * <p>"In China" is the customary bounding box, longitude 72.004°–137.8347°E and latitude
 * 0.8293°–55.8271°N, applied to the WGS-84 position; points outside it are returned unchanged, as the
 * apps do. The box is a rectangle,
 * so it also covers parts of neighbouring countries; that is the convention every implementation
 * follows, and changing it would disagree with the apps' data. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ChinaCoordinates {
  private static final double A = 6_378_245.0;
  private static final double EE = 0.00669342162296594323;
  private static final double TOLERANCE_DEGREES = 1e-11;
  private static final int MAX_STEPS = 30;

  private ChinaCoordinates() {}

  /**
   * Returns whether {@code p} lies in the bounding box where GCJ-02 applies.
   *
   * @param p a point, not null
   * @return true inside the box
   */
  public static boolean isInChina(GeoPoint p) {
    return inBox(p.lat(), p.lon(), 0);
  }

  private static boolean inBox(double lat, double lon, double slack) {
    return lon >= 72.004 - slack && lon <= 137.8347 + slack && lat >= 0.8293 - slack
        && lat <= 55.8271 + slack;
  }

  /**
   * Converts a true WGS-84 position to the GCJ-02 coordinates a Chinese map app would show.
   *
   * @param wgs84 a WGS-84 point, not null
   * @return the GCJ-02 point; {@code wgs84} itself outside China
   */
  public static GeoPoint toGcj02(GeoPoint wgs84) {
    if (!isInChina(wgs84)) {
      return wgs84;
    }
    double[] shift = shift(wgs84.lat(), wgs84.lon());
    return new GeoPoint(wgs84.lat() + shift[0], wgs84.lon() + shift[1]);
  }

  /**
   * Converts GCJ-02 coordinates from a Chinese map app to the true WGS-84 position.
   *
   * @param gcj02 a GCJ-02 point, not null
   * @return the WGS-84 point; {@code gcj02} itself outside China
   */
  public static GeoPoint toWgs84(GeoPoint gcj02) {
    double lat = gcj02.lat();
    double lon = gcj02.lon();
    // Fixed-point iteration: the shift varies slowly, so each step removes almost all the error.
    for (int step = 0; step < MAX_STEPS; step++) {
      double[] shift = shift(lat, lon);
      double errLat = lat + shift[0] - gcj02.lat();
      double errLon = lon + shift[1] - gcj02.lon();
      lat -= errLat;
      lon -= errLon;
      if (Math.abs(errLat) < TOLERANCE_DEGREES && Math.abs(errLon) < TOLERANCE_DEGREES) {
        break;
      }
    }
    // Decide by the solution, not the input: near the box's edge a point inside shifts outside it.
    // The slack absorbs the iteration's last rounding for points exactly on the edge.
    return inBox(lat, lon, 1e-9) ? new GeoPoint(lat, lon) : gcj02;
  }

  /** The GCJ-02 offset {dLat, dLon} in degrees at a WGS-84 point. */
  private static double[] shift(double lat, double lon) {
    double x = lon - 105.0;
    double y = lat - 35.0;
    double dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x))
        + (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0
        + (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
        + (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
    double dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x))
        + (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0
        + (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
        + (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
    double radLat = lat / 180.0 * Math.PI;
    double magic = Math.sin(radLat);
    magic = 1 - EE * magic * magic;
    double sqrtMagic = Math.sqrt(magic);
    dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
    dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
    return new double[] {dLat, dLon};
  }
}
