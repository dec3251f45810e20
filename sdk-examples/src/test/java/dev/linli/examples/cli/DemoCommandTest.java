package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demo_toursTheSampleAndTheSyntheticCity() {
    LinliCommandTest.Run r = LinliCommandTest.run("demo", "--seed", "42");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Communities (17)"), r.out());
    assertTrue(r.out().matches("(?s).*盈二社区\\s+盈丰街道\\s+萧山区\\s+9842.*"), "盈二 row");
    assertTrue(r.out().contains("Neighbourhood centre 景芳未来社区邻里中心"), r.out());
    assertTrue(r.out().contains("舞台 (not scored)"), r.out());
    assertTrue(r.out().contains("1260 communities, 35000 facilities"), r.out());
    assertEquals("", r.err());
  }
}
