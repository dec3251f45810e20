package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demo_narratesTheDay_endToEnd() {
    LinliCommandTest.Run r = LinliCommandTest.run("demo", "--seed", "42");
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    assertTrue(out.contains("Communities (17)"), out);
    assertTrue(out.matches("(?s).*盈二社区\\s+盈丰街道\\s+萧山区\\s+9842.*"), "盈二 row");
    assertTrue(out.contains("Neighbourhood centre 景芳未来社区邻里中心"), out);
    assertTrue(out.matches("(?s).*gym at 07:00 \\(make-up Saturday: Monday hours\\)\\s+02-14 "
        + "07:00-08:00\\s+accepted.*"), "booking on a make-up workday accepted");
    assertTrue(out.matches("(?s).*stage right after.*rejected\\s+conflict: .*\\| try 02-14 17:00.*"),
        "a conflict rejected with alternatives");
    assertTrue(out.contains("rejected  closed: jf-gym is not open for all of 2026-02-17 08:00-09:00"),
        "春节 holiday hours");
    assertTrue(out.contains("02-17 skipped (春节 holiday), 02-24 booked, 03-03 booked, 03-10 booked"),
        "a weekly series with a holiday skipped");
    assertTrue(out.matches("(?s).*王阿姨\\s+enrols in jf-dance-26s\\s+enrolled: 12 sessions booked,"
        + " 02-21 09:30 to 05-16 09:30.*"), "a class enrolment books all 12 sessions");
    assertTrue(out.contains("waitlisted, position 1: class jf-dance-mini (Weekend jazz dance) has 2"
        + " places"), "a full class waitlists");
    assertTrue(out.contains("12 future sessions freed; enrolled from the waitlist: r-jf-chenm"),
        "a drop-out enrols the next waiting resident");
    assertTrue(out.matches("(?s).*a family feast for 24\\s+02-28 17:00-20:00\\s+pending_approval;"
        + " fee 800.00 CNY, deposit 200.00 CNY.*"), "the banquet hall waits for approval");
    assertTrue(out.contains("rejected conflict: jf-banquet has 1 seat"), "cleaning time kept free");
    assertTrue(out.contains("rejected headcount: Family banquet hall (jf-banquet) seats 10 to 40"
        + " guests; asked for 60"), "headcount");
    assertTrue(out.contains("refund 100% of the fee: 800.00 CNY or 8000 points, deposit 200.00 CNY"
        + " back"), "refund by notice");
    assertTrue(out.contains("checked in at 02-14 10:20"), "times in Hangzhou's zone");
    assertTrue(!out.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d)?Z.*"),
        "no UTC instant printed");
    assertTrue(out.contains("1 award: 300 points, 120 honour minutes"), "sign-up to points");
    assertTrue(out.contains("done: 120 points to jf-canteen"), "a canteen meal redeemed");
    assertTrue(out.contains("rejected (NOT_SAME_HOUSEHOLD)"), "gifts stay in the household");
    assertTrue(out.contains("points balance after redemption and gift: 130; honour minutes: 120"),
        out);
    assertTrue(out.contains("fulfilled by v-jf-002, 40 points paid"), "a micro-wish");
    assertTrue(out.contains("audit: balances per asset sum to {points=0, service-minutes=0}"));
    assertTrue(out.contains("bottom 126 (10%) go into gap filling"), out);
    assertTrue(out.contains("Three new community canteens"), out);
    assertEquals("", r.err());
  }

  @Test
  void json_theSameDayAsJsonLines_oneObjectPerSentenceOrRow() throws Exception {
    LinliCommandTest.Run r = LinliCommandTest.run("demo", "--json");
    assertEquals(0, r.code(), r.err());
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
    for (String line : r.out().split("\n")) {
      com.fasterxml.jackson.databind.JsonNode o = mapper.readTree(line);
      assertTrue(o.has("section") && o.has("type"), line);
      lines.add(o);
    }
    assertTrue(lines.stream().anyMatch(o -> o.path("table").asText().equals("bookings")
        && o.path("decision").asText().equals("rejected")
        && o.path("why_alternatives").asText().startsWith("conflict: ")), "a rejection with why");
    assertTrue(lines.stream().anyMatch(o -> o.path("section").asText().equals("volunteering")
        && o.path("text").asText().startsWith(
            "points balance after redemption and gift: 130; honour minutes: 120")));
    assertTrue(lines.stream().anyMatch(o -> o.path("table").asText().equals("communities")
        && o.path("community").asText().equals("盈二社区") && o.path("residents").asLong() == 9842),
        "numbers stay numbers");
    assertTrue(lines.stream().anyMatch(o -> o.path("section").asText().equals("health-check")
        && o.path("text").asText().contains("bottom 126 (10%) go into gap filling")));
    assertEquals(3, lines.stream().filter(o -> o.path("table").asText().equals("sites")).count());
    assertTrue(lines.stream().noneMatch(o -> o.path("text").asText().contains("\n")));
  }
}
