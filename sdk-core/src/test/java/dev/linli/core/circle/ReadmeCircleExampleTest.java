package dev.linli.core.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.city.City;
import dev.linli.core.city.SyntheticCity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's health-check snippet, line for line (printing collected instead of shown). */
class ReadmeCircleExampleTest {
  @Test
  void readmeHealthCheckExample_runs() {
    City city = SyntheticCity.builder().seed(42).communities(200).facilities(5000).build()
        .generate();
    List<String> printed = new ArrayList<>();
    // --- README begins ---
    HealthCheckResult result = HealthCheck.builder()               // GB 50180 circles, Hangzhou's 20 types
        .travel(StraightLine.defaults())                            // or a WalkNetwork read from GeoJSON
        .build().run(city);
    for (CommunityProfile p : result.bottom()) {                    // the bottom 10%, worst first
      printed.add(p.name() + " " + p.index() + " " + p.reasons()); // README: System.out.println(p.name() + " " + p.index() + " " + p.reasons());
    }
    SitingPlan plan = Siting.greedy(result, "community-canteen", Siting.gridCandidates(city, 250), 5);
    // --- README ends ---
    assertEquals(20, printed.size());
    assertEquals(5, plan.steps().size());
    assertTrue(plan.covered() > 0);
  }

  @Test
  void snippet_isTheReadmesJavaBlock_lineForLine() throws java.io.IOException {
    dev.linli.core.testing.ReadmeSnippet.assertInReadme(ReadmeCircleExampleTest.class);
  }
}
