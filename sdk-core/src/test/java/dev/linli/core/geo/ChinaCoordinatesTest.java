package dev.linli.core.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChinaCoordinatesTest {
  /** Worst round-trip error seen must stay far below the 0.5 m the SDK promises. */
  @Property(tries = 5000)
  void roundTrip_withinOneCentimetre_anywhereInChina(
      @ForAll @Scale(7) @DoubleRange(min = 0.8293, max = 55.8271) double lat,
      @ForAll @Scale(7) @DoubleRange(min = 72.004, max = 137.8347) double lon) {
    GeoPoint wgs = GeoPoint.of(lat, lon);
    GeoPoint back = ChinaCoordinates.toWgs84(ChinaCoordinates.toGcj02(wgs));
    assertTrue(wgs.distanceTo(back) < 0.01, () -> wgs + " came back as " + back);
  }

  @Property(tries = 2000)
  void inverseThenForward_returnsTheMapAppPoint(
      @ForAll @Scale(7) @DoubleRange(min = 18, max = 53) double lat,
      @ForAll @Scale(7) @DoubleRange(min = 74, max = 134) double lon) {
    GeoPoint gcj = GeoPoint.of(lat, lon);
    assertTrue(gcj.distanceTo(ChinaCoordinates.toGcj02(ChinaCoordinates.toWgs84(gcj))) < 0.01);
  }

  @Property(tries = 2000)
  void shift_isUnderOneKilometre(@ForAll @Scale(7) @DoubleRange(min = 0.8293, max = 55.8271) double lat,
      @ForAll @Scale(7) @DoubleRange(min = 72.004, max = 137.8347) double lon) {
    GeoPoint wgs = GeoPoint.of(lat, lon);
    assertTrue(wgs.distanceTo(ChinaCoordinates.toGcj02(wgs)) < 1000);
  }

  /** Published test vectors (Shanghai, Shenzhen, Beijing) of the GCJ-02 forward transform. */
  @ParameterizedTest
  @CsvSource({
      "31.1774276, 121.5272106, 31.17530398364597, 121.531541859215",
      "22.543847, 113.912316, 22.540796131694766, 113.9171764808363",
      "39.911954, 116.377817, 39.91334545536069, 116.38404722455657"})
  void forward_matchesPublishedVectors(double lat, double lon, double gLat, double gLon) {
    GeoPoint gcj = ChinaCoordinates.toGcj02(GeoPoint.of(lat, lon));
    assertEquals(gLat, gcj.lat(), 1e-9);
    assertEquals(gLon, gcj.lon(), 1e-9);
    GeoPoint back = ChinaCoordinates.toWgs84(GeoPoint.of(gLat, gLon));
    assertEquals(lat, back.lat(), 1e-8);
    assertEquals(lon, back.lon(), 1e-8);
  }

  @ParameterizedTest
  @CsvSource({"51.5, -0.12", "35.68, 139.76", "0.5, 100", "-33.9, 151.2", "56, 100"})
  void outsideChina_unchanged(double lat, double lon) {
    GeoPoint p = GeoPoint.of(lat, lon);
    assertSame(p, ChinaCoordinates.toGcj02(p));
    assertSame(p, ChinaCoordinates.toWgs84(p));
  }

  @org.junit.jupiter.api.Test
  void hangzhouShift_isAFewHundredMetres() {
    GeoPoint jingfang = GeoPoint.of(30.2868, 120.2052);
    double shift = jingfang.distanceTo(ChinaCoordinates.toGcj02(jingfang));
    assertTrue(shift > 100 && shift < 700, "shift " + shift);
  }

  /**
   * BD-09 reference points: the GCJ-02 → BD-09 image of (39.915, 116.404) printed by the widely used
   * coordtransform libraries, and Beijing railway station as published with 5 decimals in both datums.
   */
  @ParameterizedTest
  @CsvSource({
      "39.915, 116.404, 39.92133699351021, 116.41036949371029, 1e-9",
      "39.90245, 116.42703, 39.90851, 116.43351, 1e-5"})
  void bd09_matchesReferencePoints(double gLat, double gLon, double bLat, double bLon, double tol) {
    GeoPoint bd = ChinaCoordinates.gcj02ToBd09(GeoPoint.of(gLat, gLon));
    assertEquals(bLat, bd.lat(), tol);
    assertEquals(bLon, bd.lon(), tol);
    GeoPoint back = ChinaCoordinates.bd09ToGcj02(GeoPoint.of(bLat, bLon));
    assertEquals(gLat, back.lat(), tol);
    assertEquals(gLon, back.lon(), tol);
  }

  /** The iterated inverse is exact where the usual one-step formula is off by up to about a metre. */
  @Property(tries = 3000)
  void bd09_roundTrip_withinOneMillimetre(
      @ForAll @Scale(7) @DoubleRange(min = 0.8293, max = 55.8271) double lat,
      @ForAll @Scale(7) @DoubleRange(min = 72.004, max = 137.8347) double lon) {
    GeoPoint gcj = GeoPoint.of(lat, lon);
    GeoPoint bd = ChinaCoordinates.gcj02ToBd09(gcj);
    assertTrue(gcj.distanceTo(ChinaCoordinates.bd09ToGcj02(bd)) < 0.001);
    assertTrue(bd.distanceTo(ChinaCoordinates.gcj02ToBd09(ChinaCoordinates.bd09ToGcj02(bd)))
        < 0.001);
    double shift = gcj.distanceTo(bd);
    assertTrue(shift > 300 && shift < 1500, () -> "BD-09 shift " + shift + " m at " + gcj);
  }

  @Property(tries = 2000)
  void wgs84ToBd09_roundTrip_withinOneCentimetre(
      @ForAll @Scale(7) @DoubleRange(min = 0.8293, max = 55.8271) double lat,
      @ForAll @Scale(7) @DoubleRange(min = 72.004, max = 137.8347) double lon) {
    GeoPoint wgs = GeoPoint.of(lat, lon);
    GeoPoint bd = ChinaCoordinates.wgs84ToBd09(wgs);
    assertEquals(ChinaCoordinates.gcj02ToBd09(ChinaCoordinates.toGcj02(wgs)), bd);
    GeoPoint back = ChinaCoordinates.bd09ToWgs84(bd);
    assertTrue(wgs.distanceTo(back) < 0.01, () -> wgs + " came back as " + back);
  }

  @ParameterizedTest
  @CsvSource({"51.5, -0.12", "35.68, 139.76", "-33.9, 151.2", "56, 100"})
  void bd09_outsideChina_unchangedBothWays(double lat, double lon) {
    GeoPoint p = GeoPoint.of(lat, lon);
    assertSame(p, ChinaCoordinates.wgs84ToBd09(p));
    assertSame(p, ChinaCoordinates.bd09ToWgs84(p));
  }
}
