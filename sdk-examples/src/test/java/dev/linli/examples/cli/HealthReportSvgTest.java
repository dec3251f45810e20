package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.circle.HealthCheck;
import dev.linli.core.circle.HealthCheckResult;
import dev.linli.core.city.SyntheticCity;
import dev.linli.core.facility.FacilityTaxonomy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI's map.svg and histogram.svg: the report page's drawings as standalone files. */
class HealthReportSvgTest {
  private static final HealthCheckResult RESULT = HealthCheck.builder().parallelism(1).build()
      .run(SyntheticCity.builder().seed(3).communities(40).facilities(600).build().generate());

  private static final HealthReportPage PAGE =
      new HealthReportPage(RESULT, List.of(), FacilityTaxonomy.hangzhou());

  @Test
  void map_isStandaloneSvg_withOneRingPerBottomCommunity() {
    String map = PAGE.mapSvg();
    assertTrue(map.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), map.substring(0, 80));
    assertTrue(!map.contains("<script") && !map.contains("href"), "no scripts or links");
    String ringGroup = "<g fill=\"none\" stroke=\"#000000\" stroke-width=\"1.6\">";
    String rings = map.substring(map.indexOf(ringGroup), map.indexOf("</g>",
        map.indexOf(ringGroup)));
    assertEquals(RESULT.bottom().size(), rings.split("<circle").length - 1, "one ring each");
    assertTrue(PAGE.render(List.of()).contains(map.strip()), "the page draws the same map");
  }

  @Test
  void histogram_isStandaloneSvg_withTwentyBins() {
    String histogram = PAGE.histogramSvg();
    assertTrue(histogram.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assertEquals(20, histogram.split("<rect x=").length - 1, "20 bins");
    assertTrue(PAGE.render(List.of()).contains(histogram.strip()));
  }
}
