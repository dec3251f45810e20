package dev.linli.core.geo;

/**
 * Converts between WGS-84, GCJ-02, the obfuscated datum that Chinese map apps (Amap/高德, Tencent,
 * and Baidu before its own further shift) display and return, and BD-09, Baidu's further shift of
 * GCJ-02 (百度坐标).
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
 * follows, and changing it would disagree with the apps' data.
 *
 * <p>BD-09 is a closed formula on top of GCJ-02 (a small polar-coordinate rotation and stretch plus a
 * fixed offset of about 0.006°, some 700 m together); {@link #gcj02ToBd09} applies it and
 * {@link #bd09ToGcj02} inverts it by the same fixed-point iteration as {@link #toWgs84} rather than by
 * the usual one-step approximation, which is off by up to about a metre. The BD-09 shift is applied
 * only where GCJ-02 is ({@link #wgs84ToBd09} returns points outside the box unchanged), so that
 * {@link #bd09ToWgs84} is its inverse everywhere. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class ChinaCoordinates {
  private static final double A = 6_378_245.0;
  private static final double EE = 0.00669342162296594323;
  private static final double TOLERANCE_DEGREES = 1e-11;
  private static final int MAX_STEPS = 30;
  /** Baidu's angular factor: π × 3000 / 180. */
  private static final double X_PI = Math.PI * 3000.0 / 180.0;
  private static final double BD_DLAT = 0.006;
  private static final double BD_DLON = 0.0065;

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

  /**
   * Converts GCJ-02 coordinates to Baidu's BD-09.
   *
   * @param gcj02 a GCJ-02 point, not null
   * @return the BD-09 point
   * @throws dev.linli.core.InvalidValueException if the shifted point leaves the valid range
   *     (within about 0.01° of a pole or the antimeridian)
   * @since 0.2.0
   */
  public static GeoPoint gcj02ToBd09(GeoPoint gcj02) {
    double[] bd = bd09(gcj02.lat(), gcj02.lon());
    return new GeoPoint(bd[0], bd[1]);
  }

  /**
   * Converts Baidu BD-09 coordinates (from Baidu Maps or its SDKs) to GCJ-02.
   *
   * @param bd09 a BD-09 point, not null
   * @return the GCJ-02 point whose {@link #gcj02ToBd09} image is within 1e-11° of {@code bd09}
   * @throws dev.linli.core.InvalidValueException if the result leaves the valid range
   * @since 0.2.0
   */
  public static GeoPoint bd09ToGcj02(GeoPoint bd09) {
    // Start from the usual closed approximation (offset, then undo the rotation and stretch), then
    // correct by fixed-point iteration on the exact forward formula.
    double x = bd09.lon() - BD_DLON;
    double y = bd09.lat() - BD_DLAT;
    double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
    double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
    double lat = z * Math.sin(theta);
    double lon = z * Math.cos(theta);
    for (int step = 0; step < MAX_STEPS; step++) {
      double[] forward = bd09(lat, lon);
      double errLat = forward[0] - bd09.lat();
      double errLon = forward[1] - bd09.lon();
      lat -= errLat;
      lon -= errLon;
      if (Math.abs(errLat) < TOLERANCE_DEGREES && Math.abs(errLon) < TOLERANCE_DEGREES) {
        break;
      }
    }
    return new GeoPoint(lat, lon);
  }

  /**
   * Converts a true WGS-84 position to the BD-09 coordinates Baidu Maps would show.
   *
   * @param wgs84 a WGS-84 point, not null
   * @return the BD-09 point; {@code wgs84} itself outside China
   * @since 0.2.0
   */
  public static GeoPoint wgs84ToBd09(GeoPoint wgs84) {
    return isInChina(wgs84) ? gcj02ToBd09(toGcj02(wgs84)) : wgs84;
  }

  /**
   * Converts BD-09 coordinates from Baidu Maps to the true WGS-84 position.
   *
   * @param bd09 a BD-09 point, not null
   * @return the WGS-84 point; {@code bd09} itself when that position lies outside China
   * @since 0.2.0
   */
  public static GeoPoint bd09ToWgs84(GeoPoint bd09) {
    GeoPoint gcj02 = bd09ToGcj02(bd09);
    GeoPoint wgs84 = toWgs84(gcj02);
    // As in toWgs84, decide by the solution: outside the box nothing was shifted.
    return inBox(wgs84.lat(), wgs84.lon(), 1e-9) ? wgs84 : bd09;
  }

  /** Baidu's forward formula from GCJ-02 {lat, lon} to BD-09 {lat, lon}. */
  private static double[] bd09(double lat, double lon) {
    double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
    double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
    return new double[] {z * Math.sin(theta) + BD_DLAT, z * Math.cos(theta) + BD_DLON};
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
