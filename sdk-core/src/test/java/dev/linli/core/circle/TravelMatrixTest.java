package dev.linli.core.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.DataFormatException;
import dev.linli.core.Name;
import dev.linli.core.Problem;
import dev.linli.core.city.City;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.OpeningHours;
import dev.linli.core.place.Community;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TravelMatrixTest {
  static TravelMatrix matrix(String csv) {
    return TravelMatrix.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
        "m.csv");
  }

  /**
   * A matrix holding the straight-line model's own times (metres x 1.3 / 80 m/min), cut off beyond
   * the largest circle as r5 or OSRM tables are, scores exactly as the straight line does.
   */
  @Property(tries = 30)
  void matrixOfStraightLineTimes_scoresAsTheStraightLine(@ForAll long seed) {
    City city = HealthCheckTest.smallCity(seed, 20, 120);
    StringBuilder csv = new StringBuilder(TravelMatrix.HEADER + "\n");
    int rows = 0;
    for (Community c : city.communities()) {
      for (Facility f : city.facilities()) {
        double metres = c.centroid().distanceTo(f.location()) * 1.3;
        if (metres <= 1000 * 1.2) {
          csv.append(c.id()).append(',').append(f.id()).append(',')
              .append(String.format(Locale.ROOT, "%.12f", metres / 80)).append('\n');
          rows++;
        }
      }
    }
    HealthCheckResult line = HealthCheck.builder().parallelism(1).build().run(city);
    HealthCheckResult table = HealthCheck.builder().parallelism(1).travel(matrix(csv.toString()))
        .build().run(city);
    assertTrue(rows > 100, "pairs " + rows);
    for (int c = 0; c < city.communities().size(); c++) {
      CommunityProfile a = line.profiles().get(c);
      CommunityProfile b = table.profiles().get(c);
      assertEquals(a.index(), b.index(), 1e-6, a.communityId());
      for (int t = 0; t < a.types().size(); t++) {
        TypeMeasure x = a.types().get(t);
        TypeMeasure y = b.types().get(t);
        assertEquals(x.nearestMetres() == null, y.nearestMetres() == null, x.typeCode());
        if (x.nearestMetres() != null) {
          assertEquals(x.nearestMetres(), y.nearestMetres(), 1e-6);
        }
        assertEquals(x.coverage(), y.coverage());
        assertEquals(x.gravity(), y.gravity(), 1e-6);
        assertEquals(x.e2sfcaPer1000(), y.e2sfcaPer1000(), 1e-6);
      }
    }
  }

  @Test
  void minutes_areWalkingEquivalentMetresAtTheStandardsSpeed() {
    City base = HealthCheckTest.smallCity(3, 1, 0);
    Community c = base.communities().get(0);
    City city = base.toBuilder().facilities(List.of(
        new Facility("F1", "community-canteen", Name.of("食堂", "canteen"), c.centroid(), 50,
            OpeningHours.ALWAYS, null, null),
        new Facility("F2", "convenience-store", Name.of("便利店", "shop"), c.centroid(), 5,
            OpeningHours.ALWAYS, null, null),
        new Facility("F3", "public-gym", Name.of("健身房", "gym"), c.centroid(), 5,
            OpeningHours.ALWAYS, null, null))).build();
    TravelMatrix m = matrix(TravelMatrix.HEADER + "\n" + c.id() + ",F1,3.5\n" + c.id()
        + ",F2,4\n");
    CommunityProfile p = HealthCheck.builder().parallelism(1).travel(m).build().run(city)
        .profile(c.id());
    // 3.5 min x 80 m/min = 280 m: inside the 300 m circle; 4 min = 320 m: outside it.
    assertEquals(List.of(1.0, 1.0, 1.0), p.type("community-canteen").coverage());
    assertEquals(280.0, p.type("community-canteen").nearestMetres(), 1e-9);
    assertEquals(3.5, p.type("community-canteen").nearestMinutes(), 1e-12);
    assertEquals(List.of(0.0, 1.0, 1.0), p.type("convenience-store").coverage());
    assertNull(p.type("public-gym").nearestMetres(), "a pair not in the table is not reachable");
    assertTrue(m.describe().endsWith("m.csv (2 pairs)"), m.describe());
  }

  @Test
  void everyBadRow_isReportedWithItsLine() {
    String csv = String.join("\n", TravelMatrix.HEADER,
        "A,F1,3",
        "A,F2",
        "A,F3,-1",
        "A,F4,NaN",
        "A,F5,Infinity",
        "A,F1,4",
        "bad id,F6,2",
        "A,F7,abc",
        "\"B\",\"F8\",0x10",
        "");
    DataFormatException e = assertThrows(DataFormatException.class, () -> matrix(csv));
    List<Problem> p = e.problems();
    assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), p.stream().map(Problem::line).toList(),
        p::toString);
    assertTrue(p.get(0).message().contains("3 fields"), p.get(0).toString());
    assertTrue(p.get(1).message().contains("finite number of minutes >= 0"));
    assertTrue(p.get(2).message().contains("(got NaN)"), p.get(2).toString());
    assertTrue(p.get(4).message().contains("first given on line 2"), p.get(4).toString());
    assertEquals("origin", p.get(5).path());
  }

  @Test
  void wrongHeader_emptyFile_andGbkBytes_areRefused() {
    assertTrue(assertThrows(DataFormatException.class, () -> matrix("from,to,min\nA,F1,3\n"))
        .getMessage().contains("must be exactly origin,destination,minutes"));
    assertThrows(DataFormatException.class, () -> matrix(""));
    byte[] gbk = (TravelMatrix.HEADER + "\n景芳,F1,3\n").getBytes(java.nio.charset.Charset
        .forName("GBK"));
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> TravelMatrix.read(new ByteArrayInputStream(gbk), "m.csv"));
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    // A byte-order mark, quotes and blank lines are fine.
    TravelMatrix ok = matrix("\uFEFF" + TravelMatrix.HEADER + "\n\n\"A\",\"F1\",2.5\n");
    assertEquals(2.5, ok.minutes("A", "F1"));
  }

  @Test
  void unknownIds_areRefusedWhenTheCheckRuns_withTheirLines() {
    City city = HealthCheckTest.smallCity(3, 2, 5);
    String known = city.communities().get(0).id();
    TravelMatrix m = matrix(TravelMatrix.HEADER + "\n" + known + "," + city.facilities().get(0).id()
        + ",3\nNOPE," + city.facilities().get(0).id() + ",2\n" + known + ",GHOST,1\n");
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> HealthCheck.builder().travel(m).build().run(city));
    assertEquals(2, e.problems().size(), e.problems()::toString);
    assertEquals(3, e.problems().get(0).line());
    assertTrue(e.problems().get(0).message().contains("unknown community id NOPE"));
    assertEquals(4, e.problems().get(1).line());
    assertTrue(e.problems().get(1).message().contains("unknown facility id GHOST"));
  }
}
