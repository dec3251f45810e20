package dev.linli.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.linli.core.city.City;
import dev.linli.core.io.LinliJson;
import dev.linli.core.place.Community;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class SampleDataTest {
  @Test
  void hangzhouSeed_isBundledAndLoadsStrictly() throws IOException {
    City city;
    try (InputStream in = SampleDataTest.class.getResourceAsStream("/sample/hangzhou-seed/city.json")) {
      city = LinliJson.strict().readCity(in, "city.json").value();
    }
    Community yinger = city.community("yinger").orElseThrow();
    assertEquals(9842, yinger.population().total(), "盈二: 9,842 residents");
    assertEquals(27.6, yinger.areaHectares());
    assertTrue(yinger.hasTag(Community.FUTURE_COMMUNITY));
    assertEquals(10, city.communities().stream()
        .filter(c -> c.hasTag("alliance:happy-hangzhou")).count(), "幸福杭州社区联盟: ten communities");
    assertEquals(5, city.facilitiesAt("jingfang-centre").size(),
        "景芳 centre: gym, kids' area, reading corner, stage, rooftop farm");
    assertEquals(5, city.teams().stream().filter(t -> t.communityId().equals("qianyun")).count(),
        "钱运: five volunteer teams");
    assertTrue(city.communities().stream().allMatch(Community::locationApproximate));
  }

  @Test
  void pointsConfiguration_isBundledAndParsesStrictly() throws IOException {
    try (InputStream rules = sample("earning-rules.json");
        InputStream limits = sample("member-limits.json");
        InputStream catalogue = sample("catalogue.json")) {
      assertEquals(100, dev.linli.points.timebank.EarningRules.parse(rules, "earning-rules.json")
          .pointsPerHour());
      assertEquals(500, dev.linli.points.timebank.MemberLimits.parse(limits, "member-limits.json").gifts()
          .max());
      assertEquals(3, dev.linli.points.timebank.Catalogue.parse(catalogue, "catalogue.json").size());
    }
  }

  private static InputStream sample(String name) {
    return SampleDataTest.class.getResourceAsStream("/sample/hangzhou-seed/" + name);
  }
}
