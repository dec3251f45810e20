package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schemas and the Java readers agree on a corpus of good and bad documents: each case edits a
 * schema's example (unknown field, wrong type, missing required, out of range, bad enum, bad
 * pattern...) and both the schema and {@code linli validate} (which runs the SDK's reader of that
 * kind) must accept it, or both refuse it, as the case says. Cases where they cannot agree are
 * listed in docs/formats.md section 12 and are not here.
 */
class SchemaCorpusTest {
  /** One edit: set the value at a JSON pointer (JSON text), or remove it (null). */
  record Edit(String pointer, String json) {}

  /** A document of {@code kind}: example {@code base} of its schema with {@code edits} applied. */
  record Case(String kind, int base, String what, boolean valid, List<Edit> edits) {
    @Override
    public String toString() {
      return kind + ": " + what + (valid ? " (valid)" : " (invalid)");
    }
  }

  private static final Map<String, int[]> SEEN = new TreeMap<>();

  static Case ok(String kind, String what, String... pointerAndJson) {
    return of(kind, 0, what, true, pointerAndJson);
  }

  static Case bad(String kind, String what, String... pointerAndJson) {
    return of(kind, 0, what, false, pointerAndJson);
  }

  static Case of(String kind, int base, String what, boolean valid, String... pointerAndJson) {
    List<Edit> edits = new ArrayList<>();
    for (int i = 0; i < pointerAndJson.length; i += 2) {
      edits.add(new Edit(pointerAndJson[i], pointerAndJson[i + 1]));
    }
    return new Case(kind, base, what, valid, edits);
  }

  static Stream<Case> cases() {
    String city = "linli-city";
    String tax = "linli-facility-taxonomy";
    String std = "linli-circle-standard";
    String w = "linli-index-weights";
    String stars = "linli-star-rating";
    String er = "linli-earning-rules";
    String ml = "linli-member-limits";
    String cat = "linli-catalogue";
    String rules = "linli-booking-rules";
    String cfg = "linli-booking-config";
    String ballot = "linli-ballot";
    String entry = "linli-ballot-entry";
    String req = "linli-booking-request";
    String walk = "linli-osm-walk-profile";
    String poi = "linli-osm-poi-mapping";
    String course = "linli-class";
    String hall = "linli-banquet-terms";
    return Stream.of(
        ok(course, "the example"),
        ok(course, "one session", "/sessions", "[\"2026-02-21T09:30\"]"),
        ok(course, "session starts with seconds", "/sessions", "[\"2026-02-21T09:30:00\"]"),
        bad(course, "unknown field", "/colour", "\"red\""),
        bad(course, "missing sessions", "/sessions", null),
        bad(course, "no sessions", "/sessions", "[]"),
        bad(course, "a session twice", "/sessions",
            "[\"2026-02-21T09:30\", \"2026-02-21T09:30\"]"),
        bad(course, "a session with a space for T", "/sessions/0", "\"2026-02-21 09:30\""),
        bad(course, "id over 24 characters", "/id", "\"" + "c".repeat(25) + "\""),
        bad(course, "instructor id with a space", "/instructorId", "\"t zhou\""),
        bad(course, "no places", "/places", "0"),
        bad(course, "no seats per place", "/seatsPerPlace", "0"),
        bad(course, "zero length", "/length", "\"PT0S\""),
        bad(course, "length in seconds", "/length", "3600"),
        bad(course, "places as a string", "/places", "\"20\""),
        bad(course, "wrong format", "/format", "\"linli-banquet-terms\""),
        ok(hall, "the example"),
        ok(hall, "no fee in points, no deposit", "/feePoints", "0", "/depositFen", "0"),
        bad(hall, "fee left out", "/feeFen", null),
        bad(hall, "deposit left out", "/depositFen", null),
        ok(hall, "no refund steps", "/refunds", "[]"),
        bad(hall, "unknown field", "/colour", "\"red\""),
        bad(hall, "missing resourceId", "/resourceId", null),
        bad(hall, "missing refunds", "/refunds", null),
        bad(hall, "no guests", "/minGuests", "0"),
        bad(hall, "negative fee", "/feeFen", "-1"),
        bad(hall, "fee as a string", "/feeFen", "\"80000\""),
        bad(hall, "refund over 100 percent", "/refunds/0/percent", "101"),
        bad(hall, "negative notice", "/refunds/0/notice", "\"-P1D\""),
        bad(hall, "unknown field in a refund step", "/refunds/0/when", "\"early\""),
        bad(hall, "refund step without percent", "/refunds/1/percent", null),
        bad(hall, "version 2", "/version", "2"),

        ok(walk, "the example"),
        ok(walk, "no area highways, no oneway keys", "/areaHighways", "[]", "/onewayKeys", "[]"),
        bad(walk, "unknown field", "/ramps", "true"),
        bad(walk, "missing blockingBarriers", "/blockingBarriers", null),
        bad(walk, "no walkable highway", "/walkableHighways", "[]"),
        bad(walk, "a value listed twice", "/footDenied", "[\"no\", \"no\"]"),
        bad(walk, "a blank value", "/accessDenied/0", "\" \""),
        bad(walk, "a number for a value", "/walkableHighways/0", "3"),
        bad(walk, "value over 100 characters", "/blockingBarriers/0",
            "\"" + "w".repeat(101) + "\""),
        bad(walk, "version 2", "/version", "2"),
        ok(poi, "the example"),
        ok(poi, "a rule of two tags", "/rules/0/tags", "{\"amenity\": \"social_facility\","
            + " \"social_facility:for\": \"senior\"}"),
        bad(poi, "unknown field in a rule", "/rules/0/weight", "2"),
        bad(poi, "no rules", "/rules", "[]"),
        bad(poi, "a rule without tags", "/rules/0/tags", "{}"),
        bad(poi, "a rule without type", "/rules/0/type", null),
        bad(poi, "a tag value not a string", "/rules/0/tags", "{\"amenity\": 1}"),
        bad(poi, "a blank tag value", "/rules/0/tags", "{\"amenity\": \" \"}"),
        bad(poi, "type code with upper case", "/rules/0/type", "\"Kindergarten\""),
        bad(poi, "wrong format", "/format", "\"linli-osm-walk-profile\""),

        ok(city, "the example"),
        ok(city, "lists left out", "/facilities", null, "/centres", null, "/communities", null),
        ok(city, "English name only", "/districts/0/name", "{\"en\": \"Shangcheng\"}"),
        bad(city, "opening hours ending in ';'", "/facilities/0/openingHours",
            "\"Mo-Fr 08:00-12:00;\""),
        bad(city, "opening hours with two ';' in a row", "/facilities/0/openingHours",
            "\"Mo-Fr 08:00-12:00;; Sa off\""),
        bad(city, "time windows ending in ','", "/facilities/0/openingHours",
            "\"Mo-Fr 08:00-12:00,\""),
        bad(city, "days ending in ','", "/facilities/0/openingHours",
            "\"Mo,Tu, 08:00-12:00\""),
        bad(city, "explicit null siteId", "/facilities/0/siteId", "null"),
        ok(city, "always-open facility", "/facilities/0/openingHours", "\"24/7\""),
        ok(city, "several opening rules", "/facilities/0/openingHours",
            "\"Mo-Fr 08:00-12:00,14:00-18:00; Sa,Su off\""),
        bad(city, "unknown top-level field", "/colour", "\"red\""),
        bad(city, "unknown field in a record", "/subdistricts/0/colour", "\"red\""),
        bad(city, "wrong format", "/format", "\"linli-cty\""),
        bad(city, "version 2", "/version", "2"),
        bad(city, "bad id", "/subdistricts/0/id", "\"S 2\""),
        bad(city, "id longer than 64", "/districts/0/id", "\"" + "d".repeat(65) + "\""),
        bad(city, "empty name", "/districts/0/name", "{\"zh\": \"\"}"),
        bad(city, "blank name", "/districts/0/name", "{\"zh\": \"  \", \"en\": \" \"}"),
        bad(city, "name over 200 characters", "/districts/0/name/en", "\"" + "x".repeat(201) + "\""),
        bad(city, "latitude out of range", "/communities/0/centroid/lat", "95"),
        bad(city, "longitude out of range", "/facilities/0/location/lon", "-180.5"),
        bad(city, "missing centroid", "/communities/0/centroid", null),
        bad(city, "missing population band", "/communities/0/population/age80plus", null),
        bad(city, "negative population", "/communities/0/population/age0to3", "-1"),
        bad(city, "capacity beyond int", "/facilities/0/capacity", "2147483648"),
        bad(city, "capacity as a string", "/facilities/0/capacity", "\"30\""),
        bad(city, "boolean as a string", "/communities/0/locationApproximate", "\"true\""),
        bad(city, "negative area", "/communities/0/areaHectares", "-0.5"),
        bad(city, "tag with upper case", "/communities/0/tags/0", "\"Future\""),
        bad(city, "unknown day in opening hours", "/facilities/0/openingHours",
            "\"Mo-Xx 08:00-12:00\""),
        bad(city, "opening hours of semicolons only", "/facilities/0/openingHours", "\";\""),
        bad(city, "time past 24:00", "/facilities/0/openingHours", "\"Mo-Su 06:00-24:30\""),
        bad(city, "facility type code with upper case", "/facilities/0/typeCode", "\"Public-Gym\""),
        bad(city, "section not an array", "/districts", "{}"),

        ok(tax, "the example"),
        ok(tax, "with a comment", "/comment", "\"ours\""),
        bad(tax, "unknown field", "/types/0/colour", "\"red\""),
        bad(tax, "missing capacityUnit", "/types/0/capacityUnit", null),
        bad(tax, "capacityUnit with upper case", "/types/0/capacityUnit", "\"Seats\""),
        bad(tax, "no categories", "/categories", "[]"),
        bad(tax, "key not a boolean", "/types/0/key", "\"yes\""),
        bad(tax, "bad type code", "/types/0/code", "\"community canteen\""),

        ok(std, "the example"),
        ok(std, "fractional walking speed", "/walkingSpeedMetresPerMinute", "72.5"),
        bad(std, "zero walking speed", "/walkingSpeedMetresPerMinute", "0"),
        bad(std, "zero minutes", "/levels/0/minutes", "0"),
        bad(std, "level code with a space", "/levels/0/code", "\"5 min\""),
        bad(std, "no levels", "/levels", "[]"),
        bad(std, "missing levels", "/levels", null),
        bad(std, "unknown field", "/levels/0/colour", "\"red\""),
        bad(std, "negative distance", "/levels/0/distanceMetres", "-300"),
        ok(std, "served ages", "/servedAges",
            "{\"community-canteen\": {\"minAge\": 60}, \"community-health-centre\": "
                + "{\"minAge\": 0, \"maxAge\": 120}}"),
        bad(std, "negative served age", "/servedAges", "{\"community-canteen\": {\"minAge\": -1}}"),
        bad(std, "served ages without minAge", "/servedAges",
            "{\"community-canteen\": {\"maxAge\": 6}}"),
        bad(std, "unknown field in served ages", "/servedAges",
            "{\"community-canteen\": {\"minAge\": 3, \"colour\": \"red\"}}"),

        ok(stars, "the example"),
        ok(stars, "one star", "/stars", "[{\"code\": \"all\", \"name\": {\"en\": \"All\"}, "
            + "\"categories\": [\"health\"], \"minScore\": 50}]", "/colours/0/minStars", "1"),
        bad(stars, "six stars", "/stars", "[" + String.join(",", java.util.Collections.nCopies(6,
            "{\"code\": \"s\", \"name\": {\"en\": \"S\"}, \"categories\": [\"health\"], "
                + "\"minScore\": 50}")) + "]"),
        bad(stars, "score over 100", "/stars/0/minScore", "101"),
        bad(stars, "no categories", "/stars/0/categories", "[]"),
        bad(stars, "negative minStars", "/colours/0/minStars", "-1"),
        bad(stars, "missing colours", "/colours", null),
        bad(stars, "unknown field", "/stars/0/colour", "\"red\""),

        ok(w, "the example"),
        ok(w, "optional maps left out", "/categories", null, "/types", null,
            "/e2sfcaBandWeights", null),
        bad(w, "partial credit above 1", "/partialCredit", "1.5"),
        bad(w, "negative category weight", "/categories/health", "-1"),
        bad(w, "band weight above 1", "/e2sfcaBandWeights/0", "2"),
        bad(w, "missing id", "/id", null),
        bad(w, "missing partialCredit", "/partialCredit", null),
        bad(w, "unknown field", "/colour", "\"red\""),
        bad(w, "explicit null categories", "/categories", "null"),

        ok(er, "the example"),
        ok(er, "without the optional fields", "/periodCap", null, "/referralBonus", null,
            "/coefficients", null),
        ok(er, "coefficient 10", "/coefficients/elderly-care", "\"10\""),
        ok(er, "coefficient 0", "/defaultCoefficient", "\"0\""),
        bad(er, "negative pointsPerHour", "/pointsPerHour", "-1"),
        bad(er, "rounding CEILING", "/rounding", "\"CEILING\""),
        bad(er, "zero maxPerActivity", "/maxPerActivity", "\"PT0M\""),
        bad(er, "maxPerActivity in words", "/maxPerActivity", "\"2 hours\""),
        bad(er, "maxPerActivity in seconds", "/maxPerActivity", "7200"),
        bad(er, "explicit null periodCap", "/periodCap", "null"),
        bad(er, "missing pointsPerHour", "/pointsPerHour", null),
        bad(er, "explicit null coefficient", "/coefficients/child-care", "null"),
        bad(er, "coefficient not a number", "/defaultCoefficient", "\"abc\""),
        bad(er, "coefficient above 10", "/coefficients/child-care", "\"10.5\""),
        bad(er, "negative coefficient", "/coefficients/child-care", "\"-1\""),
        bad(er, "coefficient with an exponent", "/defaultCoefficient", "\"1E0\""),
        bad(er, "coefficient with a space", "/coefficients/child-care", "\" 1.5\""),
        bad(er, "lower-case duration", "/maxPerActivity", "\"pt2h\""),
        bad(er, "duration with a decimal comma", "/maxPerActivity", "\"PT1,5S\""),
        bad(er, "unknown period", "/periodCap/period", "\"FORTNIGHT\""),
        bad(er, "unknown field", "/pointPerHour", "100"),
        bad(er, "wrong format", "/format", "\"linli-earning\""),

        ok(ml, "the example"),
        ok(ml, "no fields", "/balanceCap", null, "/gifts", null, "/donations", null),
        bad(ml, "negative balance cap", "/balanceCap", "-1"),
        bad(ml, "unknown period", "/gifts/period", "\"FORTNIGHT\""),
        bad(ml, "negative gift limit", "/gifts/max", "-5"),
        bad(ml, "explicit null gifts", "/gifts", "null"),
        bad(ml, "gift limit without max", "/gifts/max", null),
        bad(ml, "unknown field", "/gift", "{\"period\": \"MONTH\", \"max\": 5}"),

        ok(cat, "the example"),
        ok(cat, "unlimited stock, no per-member limit", "/items/0/stock",
            "9223372036854775807", "/items/0/perMember", null),
        ok(cat, "no items", "/items", null),
        bad(cat, "zero price", "/items/0/price", "0"),
        bad(cat, "explicit null perMember", "/items/0/perMember", "null"),
        bad(cat, "item without stock", "/items/0/stock", null),
        bad(cat, "item without price", "/items/0/price", null),
        bad(cat, "per-member limit without max", "/items/0/perMember/max", null),
        bad(cat, "negative stock", "/items/0/stock", "-1"),
        bad(cat, "stock beyond long", "/items/0/stock", "9223372036854775808"),
        bad(cat, "unknown item field", "/items/0/colour", "\"red\""),
        bad(cat, "unknown period", "/items/0/perMember/period", "\"FORTNIGHT\""),
        bad(cat, "bad merchant id", "/items/0/merchantAccountId", "\"the canteen\""),

        ok(rules, "the example"),
        ok(rules, "no rules", "/rules", "[]"),
        ok(rules, "every other rule type", "/rules", "[{\"type\": \"active-bookings\", "
            + "\"max\": 2}, {\"type\": \"consecutive-slots\", \"max\": 4}, {\"type\": "
            + "\"eligibility\", \"ageBands\": [\"AGE_60_79\", \"AGE_80_PLUS\"]}, {\"type\": "
            + "\"approval\"}, {\"type\": \"check-in\", \"opensBefore\": \"PT15M\", \"grace\": "
            + "\"PT15M\", \"noShows\": 2, \"within\": \"P30D\", \"banFor\": \"P30D\"}]"),
        ok(rules, "quota by time in a window", "/rules/2", "{\"type\": \"quota\", \"scope\": "
            + "\"RESIDENT\", \"period\": \"DAY\", \"maxTime\": \"PT2H\", \"weekdaysOnly\": true, "
            + "\"window\": \"18:00-21:00\"}"),
        ok(rules, "centre quota and reminders", "/rules", "[{\"type\": \"centre-quota\", "
            + "\"name\": \"rooms\", \"resources\": [\"room-1\", \"room-2\"], \"scope\": "
            + "\"HOUSEHOLD\", \"period\": \"WEEK\", \"maxBookings\": 3, \"maxTime\": "
            + "\"PT6H\"}, {\"type\": \"reminders\", \"leadTimes\": [\"PT24H\", \"PT2H\"]}]"),
        bad(rules, "centre quota over no resources", "/rules/0", "{\"type\": \"centre-quota\", "
            + "\"name\": \"rooms\", \"resources\": [], \"scope\": \"HOUSEHOLD\", "
            + "\"period\": \"WEEK\", \"maxBookings\": 3}"),
        bad(rules, "centre quota without a limit", "/rules/0", "{\"type\": \"centre-quota\", "
            + "\"name\": \"rooms\", \"resources\": [\"room-1\"], \"scope\": \"HOUSEHOLD\", "
            + "\"period\": \"WEEK\"}"),
        bad(rules, "centre quota repeating a resource", "/rules/0", "{\"type\": "
            + "\"centre-quota\", \"name\": \"rooms\", \"resources\": [\"room-1\", "
            + "\"room-1\"], \"scope\": \"HOUSEHOLD\", \"period\": \"WEEK\", "
            + "\"maxBookings\": 3}"),
        bad(rules, "centre quota with an unknown field", "/rules/0", "{\"type\": "
            + "\"centre-quota\", \"name\": \"rooms\", \"resources\": [\"room-1\"], "
            + "\"scope\": \"HOUSEHOLD\", \"period\": \"WEEK\", \"maxBookings\": 3, "
            + "\"rooms\": 2}"),
        bad(rules, "reminders without lead times", "/rules/0", "{\"type\": \"reminders\", "
            + "\"leadTimes\": []}"),
        bad(rules, "reminder lead time of zero", "/rules/0", "{\"type\": \"reminders\", "
            + "\"leadTimes\": [\"PT0M\"]}"),
        ok(rules, "date overrides", "/rules/3/overrides",
            "{\"2026-10-01\": \"closed\", \"2026-10-02\": \"10:00-16:00\"}"),
        ok(rules, "cancel notice", "/rules/0/operation", "\"CANCEL\""),
        bad(rules, "unknown rule type", "/rules/1/type", "\"curfew\""),
        bad(rules, "unknown field in a rule", "/rules/1/colour", "\"red\""),
        bad(rules, "quota without a limit", "/rules/2/maxBookings", null),
        bad(rules, "quota of 0 bookings", "/rules/2/maxBookings", "0"),
        bad(rules, "quota scope unknown", "/rules/2/scope", "\"BUILDING\""),
        bad(rules, "quota window malformed", "/rules/2/window", "\"18:00-1900\""),
        bad(rules, "zero minimum duration", "/rules/1/min", "\"PT0M\""),
        bad(rules, "duration not ISO", "/rules/1/max", "\"2h\""),
        bad(rules, "duration in seconds", "/rules/1/max", "7200"),
        bad(rules, "lower-case duration", "/rules/1/max", "\"pt2h\""),
        bad(rules, "weekly hours ending in ';'", "/rules/3/weekly", "\"Mo-Fr 07:00-21:00;\""),
        bad(rules, "explicit null holidays", "/rules/3/holidays", "null"),
        bad(rules, "notice in fractional seconds", "/rules/0/minAdvance", "7200.5"),
        bad(rules, "negative notice", "/rules/0/minAdvance", "\"-PT1H\""),
        bad(rules, "unknown operation", "/rules/0/operation", "\"DELETE\""),
        bad(rules, "negative releaseDaysBefore", "/rules/0/releaseDaysBefore", "-1"),
        bad(rules, "malformed weekly hours", "/rules/3/weekly", "\"Mo-Fx 07:00-21:00\""),
        bad(rules, "missing weekly hours", "/rules/3/weekly", null),
        bad(rules, "override neither closed nor times", "/rules/3/overrides",
            "{\"2026-10-01\": \"shut\"}"),
        bad(rules, "unknown weekday", "/rules/3/makeUpWorkdayFollows", "\"MONDAYS\""),
        bad(rules, "rules not an array", "/rules", "{}"),
        bad(rules, "missing rules", "/rules", null),
        bad(rules, "check-in without banFor", "/rules/0", "{\"type\": \"check-in\", "
            + "\"opensBefore\": \"PT15M\", \"grace\": \"PT15M\", \"noShows\": 2, "
            + "\"within\": \"P30D\"}"),
        bad(rules, "check-in with zero noShows", "/rules/0", "{\"type\": \"check-in\", "
            + "\"opensBefore\": \"PT15M\", \"grace\": \"PT15M\", \"noShows\": 0, "
            + "\"within\": \"P30D\", \"banFor\": \"P30D\"}"),
        bad(rules, "age band unknown", "/rules/0", "{\"type\": \"eligibility\", "
            + "\"ageBands\": [\"AGE_99\"]}"),

        ok(cfg, "the sample"),
        ok(cfg, "admin roles", "/adminRoles", "[\"admin\", \"centre-staff\"]"),
        bad(cfg, "no admin role", "/adminRoles", "[]"),
        bad(cfg, "an admin role twice", "/adminRoles", "[\"admin\", \"admin\"]"),
        bad(cfg, "an admin role not an id", "/adminRoles", "[\"centre staff\"]"),
        bad(cfg, "an admin role as a number", "/adminRoles", "[7]"),
        bad(cfg, "admin roles as a string", "/adminRoles", "\"admin\""),
        ok(cfg, "resource with every field", "/resources/0", "{\"id\": \"jf-gym\", \"name\": "
            + "{\"en\": \"Gym\"}, \"capacity\": 3, \"zone\": \"Asia/Shanghai\", \"slot\": "
            + "\"PT15M\", \"bufferBefore\": \"PT0M\", \"bufferAfter\": \"PT10M\", \"parts\": []}"),
        bad(cfg, "lower-case slot", "/resources/0", "{\"id\": \"jf-gym\", \"name\": "
            + "{\"en\": \"Gym\"}, \"capacity\": 3, \"slot\": \"pt15m\"}"),
        bad(cfg, "no resources", "/resources", "[]"),
        bad(cfg, "zero capacity", "/resources/0/capacity", "0"),
        bad(cfg, "unknown resource field", "/resources/0/seats", "2"),
        bad(cfg, "resource without a name", "/resources/4/name", null),
        bad(cfg, "bad resource id", "/resources/4/id", "\"room 1\""),
        bad(cfg, "unknown age band", "/residents/0/ageBand", "\"OLD\""),
        bad(cfg, "resident without a community", "/residents/0/communityId", null),
        bad(cfg, "bad rule inside", "/rules/jf-gym/rules/1/maxBookings", "0"),
        bad(cfg, "unknown rule type inside", "/rules/jf-stage/rules/0/type", "\"vip\""),
        bad(cfg, "wrong version", "/version", "2"),
        bad(cfg, "unknown top-level field", "/colour", "\"red\""),
        bad(cfg, "unknown resident field", "/residents/0/colour", "\"red\""),
        bad(cfg, "capacity as a string", "/resources/0/capacity", "\"2\""),
        bad(cfg, "group not a list", "/groups/meeting-rooms", "\"jf-room-1\""),
        bad(cfg, "explicit null zone", "/resources/0/zone", "null"),
        bad(cfg, "groups not an object", "/groups", "[\"jf-room-1\"]"),

        ok(ballot, "the example"),
        ok(ballot, "no places", "/places", "0"),
        bad(ballot, "negative places", "/places", "-1"),
        bad(ballot, "places as a string", "/places", "\"3\""),
        bad(ballot, "places beyond int", "/places", "2147483648"),
        bad(ballot, "bad ballot id", "/ballotId", "\"stage 0101\""),
        bad(ballot, "missing ballot id", "/ballotId", null),
        bad(ballot, "unknown field", "/seed", "42"),
        bad(ballot, "explicit null places", "/places", "null"),

        ok(entry, "the example"),
        ok(entry, "no recent wins", "/recentWins", null),
        bad(entry, "negative recent wins", "/recentWins", "-1"),
        bad(entry, "recent wins as text", "/recentWins", "\"1\""),
        bad(entry, "missing household", "/household", null),
        bad(entry, "bad resident id", "/resident", "\"r wang\""),
        bad(entry, "unknown field", "/wins", "1"),
        bad(entry, "explicit null recent wins", "/recentWins", "null"),

        ok(req, "a create"),
        ok(req, "create with seats and group", "/seats", "2", "/group", "\"jf-dance-team\""),
        ok(req, "start with seconds", "/start", "\"2026-12-05T07:00:00\""),
        of(req, 1, "a series", true),
        of(req, 1, "series with every option", true, "/policy", "\"SKIP_CONFLICTS\"",
            "/skipHolidays", "false", "/followMakeUpWorkdays", "true", "/horizonDays", "90"),
        of(req, 2, "advance by", true),
        of(req, 2, "advance to", true, "/by", null, "/to", "\"2026-12-05T09:20\""),
        of(req, 2, "release no-shows", true, "/op", "\"release-no-shows\"", "/by", null),
        of(req, 2, "cancel", true, "/op", "\"cancel\"", "/by", null, "/id", "\"b1\"",
            "/actor", "\"r-chen\""),
        bad(req, "unknown op", "/op", "\"delete\""),
        bad(req, "missing op", "/op", null),
        bad(req, "create without end", "/end", null),
        bad(req, "create without household", "/household", null),
        bad(req, "start with a space", "/start", "\"2026-12-05 07:00\""),
        bad(req, "start with an offset", "/start", "\"2026-12-05T07:00+08:00\""),
        bad(req, "zero seats", "/seats", "0"),
        bad(req, "unknown field (a typo of seats)", "/seat", "2"),
        bad(req, "seats as a string", "/seats", "\"2\""),
        bad(req, "fractional seats", "/seats", "2.5"),
        bad(req, "bad resource id", "/resource", "\"jf gym\""),
        bad(req, "a number as id", "/id", "5"),
        bad(req, "explicit null group", "/group", "null"),
        of(req, 1, "series id over 48 characters", false, "/id", "\"" + "s".repeat(49) + "\""),
        of(req, 1, "unknown series policy", false, "/policy", "\"SOMETIMES\""),
        of(req, 1, "series without rrule", false, "/rrule", null),
        of(req, 1, "series with a zero length", false, "/length", "\"PT0M\""),
        of(req, 2, "advance with neither to nor by", false, "/by", null),
        of(req, 2, "advance by a malformed duration", false, "/by", "\"20 minutes\""),
        of(req, 2, "advance by a lower-case duration", false, "/by", "\"pt20m\""),
        of(req, 1, "series with a lower-case length", false, "/length", "\"pt1h\""),
        of(req, 2, "cancel without actor", false, "/op", "\"cancel\"", "/by", null,
            "/id", "\"b1\""));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void schemaAndReader_agree(Case c, @TempDir Path dir) {
    JsonNode doc = apply(c);
    List<Error> errors = PublishedSchemas.errors(c.kind(), doc);
    LinliCommandTest.Run r = LinliCommandTest.run("validate", write(dir, c.kind(), doc, 0)
        .toString());
    assertEquals(c.valid(), errors.isEmpty(), () -> c + ": the schema says " + errors);
    assertEquals(c.valid() ? 0 : 2, r.code(), () -> c + ": linli validate says " + r.out()
        + r.err());
    SEEN.computeIfAbsent(c.kind() + (c.valid() ? " good" : " bad"), k -> new int[1])[0]++;
  }

  /** Every kind has good and bad cases, so no schema escapes the comparison. */
  @AfterAll
  static void everyKind_hasGoodAndBadCases() {
    if (SEEN.isEmpty()) {
      return; // a filtered run
    }
    for (String kind : PublishedSchemas.KINDS) {
      assertTrue(SEEN.containsKey(kind + " good") && SEEN.get(kind + " bad")[0] >= 3,
          kind + ": " + SEEN.keySet());
    }
  }

  static JsonNode apply(Case c) {
    JsonNode doc = PublishedSchemas.tree(c.kind()).path("examples").get(c.base()).deepCopy();
    for (Edit e : c.edits()) {
      int cut = e.pointer().lastIndexOf('/');
      JsonNode parent = cut == 0 ? doc : doc.at(e.pointer().substring(0, cut));
      String key = e.pointer().substring(cut + 1);
      JsonNode value;
      try {
        value = e.json() == null ? null : PublishedSchemas.JSON.readTree(e.json());
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
      if (parent instanceof ObjectNode o) {
        if (value == null) {
          o.remove(key);
        } else {
          o.set(key, value);
        }
      } else if (parent instanceof ArrayNode a) {
        int i = Integer.parseInt(key);
        if (value == null) {
          a.remove(i);
        } else {
          a.set(i, value);
        }
      } else {
        throw new AssertionError(c + ": no parent at " + e.pointer());
      }
    }
    return doc;
  }

  /** Writes a document as {@code linli validate} expects it: JSON lines for request kinds. */
  static Path write(Path dir, String kind, JsonNode doc, int n) {
    boolean lines = kind.equals("linli-booking-request") || kind.equals("linli-ballot-entry");
    Path file = dir.resolve(kind + "-" + n + (lines ? ".jsonl" : ".json"));
    try {
      Files.writeString(file, lines ? doc.toString() + "\n"
          : PublishedSchemas.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
