package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CirclesCommandTest {
  @Test
  void score_writesEveryOutput_andFlagsTheBottomTenPercent(@TempDir Path dir) throws IOException {
    Path city = dir.resolve("city");
    LinliCommandTest.run("city", "generate", "--seed", "3", "--communities", "50", "--facilities",
        "1200", "--out", city.toString());
    Path out = dir.resolve("out");
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "score", "--communities",
        city.resolve("communities.csv").toString(), "--facilities",
        city.resolve("facilities.geojson").toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("bottom 5 (10%) flagged for gap filling"), r.out());
    for (String f : List.of("scores.csv", "profiles.json", "gaps.csv", "communities.geojson",
        "map.svg", "histogram.svg")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    List<String> scores = Files.readAllLines(out.resolve("scores.csv"), StandardCharsets.UTF_8);
    assertEquals(51, scores.size());
    assertTrue(scores.get(0).contains("nearest_community-canteen_m"), scores.get(0));
  }

  /**
   * Every output of a straight-line score, byte for byte as main wrote them (6a16778) when each
   * type's walks were kept as a list of (origin, facility) pairs and summed afterwards; they are now
   * summed as each facility's search ends, which must not change a bit of any sum.
   */
  @Test
  void score_outputsByteForByte_asWhenTheWalksWereKept(@TempDir Path dir) throws Exception {
    Path city = dir.resolve("city");
    LinliCommandTest.run("city", "generate", "--seed", "3", "--communities", "300", "--facilities",
        "9000", "--out", city.toString());
    Path out = dir.resolve("out");
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "score", "--communities",
        city.resolve("communities.csv").toString(), "--facilities",
        city.resolve("facilities.csv").toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, String> expected = Map.of(
        "communities.geojson", "d0f766d59a8df886419de8a9e3eb49857f39d53a184477629cad3d26470f35af",
        "gaps.csv", "dabf348b54da501da3293ed527621f4736a626dc205419510a5a386a5326a38f",
        "histogram.svg", "4a4661a31d6ac4ad66faa53c8b3178b60a6a3e4a196c3f34095295274e93647a",
        "map.svg", "632709ecbfe28be32a3879f396a03ae37fdfa48c3a5adc993bc8a1258b33eaeb",
        "profiles.json", "ac25053e2ad9d8fd3b0e4875b0c1ca1897aa1974b496bbbe996f14827dba93c4",
        "scores.csv", "d968d8234fc134f48ed9e09dc41fc544140d73c6bb3c7963bb60bbdc49d24d19");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(out.resolve(e.getKey())));
      assertEquals(e.getValue(), HexFormat.of().formatHex(digest), e.getKey());
    }
  }

  @Test
  void score_overAWalkNetwork(@TempDir Path dir) throws IOException {
    Path net = dir.resolve("paths.geojson");
    Files.writeString(net, """
        {"type": "FeatureCollection", "features": [
         {"type": "Feature", "properties": {},
          "geometry": {"type": "LineString", "coordinates": [[120.2040, 30.2868], [120.2050, 30.2868],
            [120.2060, 30.2868], [120.2070, 30.2868]]}}]}
        """, StandardCharsets.UTF_8);
    Path communities = dir.resolve("communities.csv");
    Files.writeString(communities, "id,name_zh,district_id,district_zh,subdistrict_id,"
        + "subdistrict_zh,lat,lon,pop_0_3,pop_4_17,pop_18_59,pop_60_79,pop_80_plus\n"
        + "jingfang,景芳,sc,上城区,kx,凯旋,30.2868,120.2040,10,20,30,40,50\n", StandardCharsets.UTF_8);
    Path facilities = dir.resolve("facilities.csv");
    Files.writeString(facilities, "id,type,name_zh,lat,lon\n"
        + "c1,community-canteen,食堂,30.2868,120.2070\n", StandardCharsets.UTF_8);
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "score", "--communities",
        communities.toString(), "--facilities", facilities.toString(), "--network", net.toString(),
        "--out", dir.resolve("out").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("walk network of 4 nodes, 6 edges, 1 components"), r.out());
    String row = Files.readAllLines(dir.resolve("out/scores.csv"), StandardCharsets.UTF_8).get(1);
    assertTrue(row.matches(".*,28[89]\\.\\d,.*"), "about 289 m along the path: " + row);
  }

  @Test
  void isochrones_straightLineAndNetwork_andAroundAType(@TempDir Path dir) throws IOException {
    Path city = dir.resolve("city");
    LinliCommandTest.run("city", "generate", "--seed", "3", "--communities", "12", "--facilities",
        "200", "--out", city.toString());
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "isochrones", "--communities",
        city.resolve("communities.csv").toString(), "--out", dir.resolve("a").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("drew 12 5-minute, 12 10-minute, 12 15-minute circles around "
        + "communities (straight line x 1.30)"), r.out());
    JsonNode a = new ObjectMapper().readTree(dir.resolve("a/isochrones.geojson").toFile());
    assertEquals(36, a.get("features").size());
    assertEquals("Polygon", a.get("features").get(0).get("geometry").get("type").asText());

    r = LinliCommandTest.run("circles", "isochrones", "--communities",
        city.resolve("communities.csv").toString(), "--facilities",
        city.resolve("facilities.csv").toString(), "--around", "public-gym", "--minutes", "10",
        "--out", dir.resolve("b").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().matches("(?s)drew \\d+ 10-minute circles around public-gym.*"), r.out());

    Path net = dir.resolve("paths.geojson");
    Files.writeString(net, """
        {"type": "FeatureCollection", "features": [
         {"type": "Feature", "properties": {},
          "geometry": {"type": "LineString", "coordinates": [[120.2040, 30.2868], [120.2050, 30.2868],
            [120.2060, 30.2868], [120.2070, 30.2868]]}},
         {"type": "Feature", "properties": {},
          "geometry": {"type": "LineString", "coordinates": [[120.2050, 30.2868], [120.2050, 30.2878],
            [120.2050, 30.2888]]}}]}
        """, StandardCharsets.UTF_8);
    Path communities = dir.resolve("communities.csv");
    Files.writeString(communities, "id,name_zh,district_id,district_zh,subdistrict_id,"
        + "subdistrict_zh,lat,lon,pop_0_3,pop_4_17,pop_18_59,pop_60_79,pop_80_plus\n"
        + "jingfang,景芳,sc,上城区,kx,凯旋,30.2868,120.2040,10,20,30,40,50\n", StandardCharsets.UTF_8);
    r = LinliCommandTest.run("circles", "isochrones", "--communities", communities.toString(),
        "--network", net.toString(), "--minutes", "5", "--out", dir.resolve("c").toString());
    assertEquals(0, r.code(), r.err());
    JsonNode c = new ObjectMapper().readTree(dir.resolve("c/isochrones.geojson").toFile());
    JsonNode props = c.get("features").get(0).get("properties");
    assertEquals(6, props.get("reached_nodes").asInt(), c.toString()); // all, the farthest 318 m
    assertTrue(props.get("area_m2").asLong() > 1000, c.toString());

    r = LinliCommandTest.run("circles", "isochrones", "--communities", communities.toString(),
        "--around", "centres", "--out", dir.resolve("d").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--around = centres: needs --facilities"), r.err());
  }

  /** Two communities and two facilities in 景芳; a network file with {@code features}. */
  private static LinliCommandTest.Run scoreOver(Path dir, String features) throws IOException {
    Path net = dir.resolve("paths.geojson");
    Files.writeString(net, "{\"type\": \"FeatureCollection\", \"features\": [" + features
        + "]}", StandardCharsets.UTF_8);
    Path communities = dir.resolve("communities.csv");
    Files.writeString(communities, "id,name_zh,district_id,district_zh,subdistrict_id,"
        + "subdistrict_zh,lat,lon,pop_0_3,pop_4_17,pop_18_59,pop_60_79,pop_80_plus\n"
        + "jingfang,景芳,sc,上城区,kx,凯旋,30.2868,120.2040,10,20,30,40,50\n"
        + "far,远方,sc,上城区,kx,凯旋,30.5000,120.5000,10,20,30,40,50\n", StandardCharsets.UTF_8);
    Path facilities = dir.resolve("facilities.csv");
    Files.writeString(facilities, "id,type,name_zh,lat,lon\n"
        + "c1,community-canteen,食堂,30.2868,120.2070\n"
        + "g1,public-gym,健身房,30.5000,120.5000\n", StandardCharsets.UTF_8);
    return LinliCommandTest.run("circles", "score", "--communities", communities.toString(),
        "--facilities", facilities.toString(), "--network", net.toString(), "--out",
        dir.resolve("out").toString());
  }

  private static final String JINGFANG_PATH = "{\"type\": \"Feature\", \"properties\": {},"
      + " \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[120.2040, 30.2868],"
      + " [120.2070, 30.2868]]}}";

  @Test
  void score_warnsAboutHomesAndFacilitiesTheNetworkDoesNotReach(@TempDir Path dir)
      throws IOException {
    LinliCommandTest.Run r = scoreOver(dir, JINGFANG_PATH);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("linli: warning: 1 of 2 communities and 1 of 2 facilities are"
        + " more than 1000 m from every node of "), r.err());
  }

  @Test
  void score_refusesANetworkThatReachesNobody(@TempDir Path dir) throws IOException {
    String farAway = "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\":"
        + " \"LineString\", \"coordinates\": [[0.0, 0.0], [0.01, 0.01]]}}";
    for (String features : List.of("", farAway)) {
      LinliCommandTest.Run r = scoreOver(dir, features);
      assertEquals(2, r.code(), features + ": " + r.out() + r.err());
      assertTrue(r.err().contains("paths.geojson: $: the walk network reaches no community: 2 of 2"
          + " communities and 2 of 2 facilities"), r.err());
      assertTrue(!Files.exists(dir.resolve("out/scores.csv")), "nothing written");
    }
    LinliCommandTest.Run nullCoordinates = scoreOver(dir, "{\"type\": \"Feature\","
        + " \"geometry\": {\"type\": \"LineString\", \"coordinates\": null}}");
    assertEquals(2, nullCoordinates.code());
    assertTrue(nullCoordinates.err().contains("paths.geojson:1: $.features[0].geometry"
        + ".coordinates: must be an array of at least two"), nullCoordinates.err());
  }

  @Test
  void aFacilityOfAMissingCommunity_isReportedWithFileAndLine(@TempDir Path dir)
      throws IOException {
    Path communities = dir.resolve("communities.csv");
    Files.writeString(communities, "id,name_zh,district_id,district_zh,subdistrict_id,"
        + "subdistrict_zh,lat,lon,pop_0_3,pop_4_17,pop_18_59,pop_60_79,pop_80_plus\n"
        + "jingfang,景芳,sc,上城区,kx,凯旋,30.2868,120.2040,10,20,30,40,50\n",
        StandardCharsets.UTF_8);
    Path facilities = dir.resolve("facilities.csv");
    Files.writeString(facilities, "id,type,name_zh,lat,lon,community_id\n"
        + "c1,community-canteen,食堂,30.2868,120.2070,jingfang\n"
        + "\n"
        + "g1,public-gym,\"健身房\n(二楼)\",30.2868,120.2070,hongmei\n", StandardCharsets.UTF_8);
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "score", "--communities",
        communities.toString(), "--facilities", facilities.toString(), "--out",
        dir.resolve("out").toString());
    assertEquals(2, r.code(), r.out() + r.err());
    // Line 5: where the record (quoted across two lines, after a blank one) holds the value.
    assertTrue(r.err().contains(facilities + ":5: community_id: refers to community"
        + " \"hongmei\", which is not in " + communities), r.err());
  }

  @Test
  void site_writesSites(@TempDir Path dir) throws IOException {
    Path city = dir.resolve("city");
    LinliCommandTest.run("city", "generate", "--seed", "3", "--communities", "30", "--facilities",
        "300", "--out", city.toString());
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "site", "--communities",
        city.resolve("communities.csv").toString(), "--facilities",
        city.resolve("facilities.csv").toString(), "--type", "community-canteen", "--k", "3",
        "--spacing", "500", "--out", dir.resolve("out").toString());
    assertEquals(0, r.code(), r.err());
    List<String> sites = Files.readAllLines(dir.resolve("out/sites.csv"), StandardCharsets.UTF_8);
    assertEquals("step,type,lat,lon,newly_covered,total_covered", sites.get(0));
    assertEquals(4, sites.size());
  }

  @Test
  void site_objectives_pMedianLscpGapFilling(@TempDir Path dir) throws IOException {
    Path city = dir.resolve("city");
    LinliCommandTest.run("city", "generate", "--seed", "3", "--communities", "30", "--facilities",
        "300", "--out", city.toString());
    List<String> common = List.of("circles", "site", "--communities",
        city.resolve("communities.csv").toString(), "--facilities",
        city.resolve("facilities.csv").toString(), "--type", "public-gym", "--spacing", "1000");
    for (List<String> extra : List.of(List.of("--objective", "p-median", "--k", "2"),
        List.of("--objective", "lscp"), List.of("--objective", "gap-filling", "--k", "2"))) {
      List<String> args = new java.util.ArrayList<>(common);
      args.addAll(extra);
      args.addAll(List.of("--out", dir.resolve("out-" + extra.get(1)).toString()));
      LinliCommandTest.Run r = LinliCommandTest.run(args.toArray(String[]::new));
      assertEquals(0, r.code(), r.err());
      // 14,364 candidates: too many for the exact p-median search, not for LSCP's (10 sites).
      assertTrue(r.out().contains(extra.get(1) + (extra.get(1).equals("lscp")
          ? " (exact: proven optimal): " : " (heuristic): ")), r.out());
      assertTrue(r.out().contains("mean walk to the nearest public-gym"), r.out());
      List<String> sites = Files.readAllLines(dir.resolve("out-" + extra.get(1) + "/sites.csv"),
          StandardCharsets.UTF_8);
      assertEquals("step,type,lat,lon,newly_covered,total_covered", sites.get(0));
      if (!extra.get(1).equals("lscp")) {
        assertEquals(3, sites.size(), String.join("\n", sites));
      }
    }
    // A 5 km grid: 594 candidates, few enough for the exact p-median search.
    List<String> coarse = new java.util.ArrayList<>(common.subList(0, common.size() - 1));
    coarse.addAll(List.of("5000", "--objective", "p-median", "--k", "2", "--out",
        dir.resolve("out-coarse").toString()));
    LinliCommandTest.Run exact = LinliCommandTest.run(coarse.toArray(String[]::new));
    assertTrue(exact.out().contains("594 candidate sites"), exact.out());
    assertTrue(exact.out().contains("p-median (exact: proven optimal): 2 sites"), exact.out());
    List<String> noK = new java.util.ArrayList<>(common);
    noK.addAll(List.of("--objective", "p-median", "--out", dir.resolve("x").toString()));
    LinliCommandTest.Run r = LinliCommandTest.run(noK.toArray(String[]::new));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("k = 0: must be between 1 and 10000 (--k is needed for "
        + "p-median)"), r.err());
    List<String> bad = new java.util.ArrayList<>(common);
    bad.addAll(List.of("--objective", "median", "--k", "1", "--out", dir.resolve("x").toString()));
    r = LinliCommandTest.run(bad.toArray(String[]::new));
    assertEquals(2, r.code());
    assertTrue(r.err().contains("objective = median: must be one of [coverage, p-median, lscp, "
        + "gap-filling]"), r.err());
  }

  @Test
  void site_unknownType_exitsTwo(@TempDir Path dir) throws IOException {
    Path city = dir.resolve("city");
    LinliCommandTest.run("city", "generate", "--communities", "5", "--facilities", "10", "--out",
        city.toString());
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "site", "--communities",
        city.resolve("communities.csv").toString(), "--facilities",
        city.resolve("facilities.csv").toString(), "--type", "casino", "--k", "1", "--out",
        dir.resolve("out").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("linli site: type = casino: must be a type the standard "
        + "requires: [community-service-station,"), r.err());
  }

  /** Three communities on the OSM fixture's block in 景芳 (see dev.linli.core.osm.OsmFixture). */
  static Path osmCommunities(Path dir) throws IOException {
    Path communities = dir.resolve("osm-communities.csv");
    Files.writeString(communities, "id,name_zh,district_id,district_zh,subdistrict_id,"
        + "subdistrict_zh,lat,lon,pop_0_3,pop_4_17,pop_18_59,pop_60_79,pop_80_plus\n"
        + "jf-a,景芳一,sc,上城区,kx,凯旋,30.2800,120.2000,10,20,30,40,50\n"
        + "jf-b,景芳二,sc,上城区,kx,凯旋,30.2790,120.2015,10,20,30,40,50\n"
        + "jf-c,景芳三,sc,上城区,kx,凯旋,30.2820,120.2010,10,20,30,40,50\n",
        StandardCharsets.UTF_8);
    return communities;
  }

  @Test
  void score_fromAnOsmPbf_withItsFacilities(@TempDir Path dir) throws IOException {
    Path pbf = OsmPbfTest.copy(dev.linli.core.osm.OsmFixture.PBF, dir, "jingfang.osm.pbf");
    Path out = dir.resolve("out");
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "score", "--osm", pbf.toString(),
        "--facilities-from-osm", "--communities", osmCommunities(dir).toString(), "--out",
        out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("48 nodes, 24 ways (16 walkable)")
        && r.err().contains("10 facilities of 8 types"), r.err());
    assertTrue(r.out().contains("scored 3 communities against 10 facilities (walk network of"),
        r.out());
    List<String> scores = Files.readAllLines(out.resolve("scores.csv"), StandardCharsets.UTF_8);
    assertEquals(4, scores.size());
    // jf-a sits on node 1. The kindergarten node 201 is as far from node 1 as from node 2, so it
    // joins the network at one of them: straight to it, or along the street to node 2 first.
    List<String> header = List.of(scores.get(0).split(","));
    int col = header.indexOf("nearest_kindergarten_m");
    double metres = Double.parseDouble(scores.get(1).split(",")[col]);
    dev.linli.core.geo.GeoPoint n1 = dev.linli.core.geo.GeoPoint.of(30.28, 120.2);
    dev.linli.core.geo.GeoPoint n2 = dev.linli.core.geo.GeoPoint.of(30.28, 120.2005);
    dev.linli.core.geo.GeoPoint k = dev.linli.core.geo.GeoPoint.of(30.28015, 120.20025);
    double direct = n1.distanceTo(k);
    double viaStreet = n1.distanceTo(n2) + n2.distanceTo(k);
    assertTrue(Math.abs(metres - direct) < 0.1 || Math.abs(metres - viaStreet) < 0.1,
        metres + " m; expected " + direct + " or " + viaStreet);
  }

  @Test
  void score_osmWithFacilitiesFromAFileToo(@TempDir Path dir) throws IOException {
    Path xml = OsmPbfTest.copy(dev.linli.core.osm.OsmFixture.XML, dir, "jingfang.osm");
    Path facilities = dir.resolve("facilities.csv");
    Files.writeString(facilities, "id,type,name_zh,lat,lon\n"
        + "c1,community-canteen,食堂,30.2800,120.2010\n", StandardCharsets.UTF_8);
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "score", "--osm", xml.toString(),
        "--communities", osmCommunities(dir).toString(), "--facilities", facilities.toString(),
        "--out", dir.resolve("out").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("against 1 facilities"), "OSM POIs only when asked: " + r.out());
  }

  @Test
  void osmOptions_badCombinationsAndFiles_areRefusedSayingWhatToDo(@TempDir Path dir)
      throws IOException {
    Path xml = OsmPbfTest.copy(dev.linli.core.osm.OsmFixture.XML, dir, "jingfang.osm");
    String communities = osmCommunities(dir).toString();
    String out = dir.resolve("out").toString();
    LinliCommandTest.Run both = LinliCommandTest.run("circles", "score", "--osm", xml.toString(),
        "--network", xml.toString(), "--facilities-from-osm", "--communities", communities,
        "--out", out);
    assertEquals(2, both.code());
    assertTrue(both.err().contains("--network") && both.err().contains("--osm"), both.err());

    LinliCommandTest.Run none = LinliCommandTest.run("circles", "score", "--osm", xml.toString(),
        "--communities", communities, "--out", out);
    assertEquals(2, none.code());
    assertTrue(none.err().contains("--facilities-from-osm"), none.err());

    LinliCommandTest.Run noOsm = LinliCommandTest.run("circles", "score",
        "--facilities-from-osm", "--communities", communities, "--out", out);
    assertEquals(2, noOsm.code());
    assertTrue(noOsm.err().contains("needs --osm"), noOsm.err());

    Path mapping = dir.resolve("mapping.json");
    Files.writeString(mapping, """
        {"format": "linli-osm-poi-mapping", "version": 1, "id": "m", "rules": [
          {"tags": {"amenity": "bar"}, "type": "pub"}]}
        """, StandardCharsets.UTF_8);
    LinliCommandTest.Run badMapping = LinliCommandTest.run("circles", "score", "--osm",
        xml.toString(), "--facilities-from-osm", "--poi-mapping", mapping.toString(),
        "--communities", communities, "--out", out);
    assertEquals(2, badMapping.code());
    assertTrue(badMapping.err().contains(mapping + ":2: $.rules[0].type"), badMapping.err());

    Path notOsm = dir.resolve("city.osm");
    Files.writeString(notOsm, "{\"type\": \"FeatureCollection\"}", StandardCharsets.UTF_8);
    LinliCommandTest.Run json = LinliCommandTest.run("circles", "score", "--osm",
        notOsm.toString(), "--facilities-from-osm", "--communities", communities, "--out", out);
    assertEquals(2, json.code());
    assertTrue(json.err().contains("not well-formed XML"), json.err());

    Path highways = dir.resolve("motorway.osm");
    Files.writeString(highways, """
        <osm version="0.6"><node id="1" lat="30.28" lon="120.2"/><node id="2" lat="30.281" lon="120.2"/>
        <way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="motorway"/></way></osm>
        """, StandardCharsets.UTF_8);
    LinliCommandTest.Run motorway = LinliCommandTest.run("circles", "score", "--osm",
        highways.toString(), "--facilities-from-osm", "--communities", communities, "--out", out);
    assertEquals(2, motorway.code());
    assertTrue(motorway.err().contains("no walkable way"), motorway.err());
  }

  private static Path[] jingfang(Path dir) throws IOException {
    Path communities = dir.resolve("communities.csv");
    Files.writeString(communities, "id,name_zh,district_id,district_zh,subdistrict_id,"
        + "subdistrict_zh,lat,lon,pop_0_3,pop_4_17,pop_18_59,pop_60_79,pop_80_plus\n"
        + "jingfang,景芳,sc,上城区,kx,凯旋,30.2868,120.2040,10,20,30,40,50\n", StandardCharsets.UTF_8);
    Path facilities = dir.resolve("facilities.csv");
    Files.writeString(facilities, "id,type,name_zh,lat,lon\n"
        + "c1,community-canteen,食堂,30.2868,120.2070\n"
        + "k1,kindergarten,幼儿园,30.2868,120.2041\n", StandardCharsets.UTF_8);
    return new Path[] {communities, facilities};
  }

  @Test
  void score_withATravelMatrix_andARating(@TempDir Path dir) throws IOException {
    Path[] in = jingfang(dir);
    Path matrix = dir.resolve("times.csv");
    // 3.5 min x 80 m/min = 280 m for the canteen; the kindergarten is not in the table.
    Files.writeString(matrix, "origin,destination,minutes\njingfang,c1,3.5\n",
        StandardCharsets.UTF_8);
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "score", "--communities",
        in[0].toString(), "--facilities", in[1].toString(), "--travel-matrix", matrix.toString(),
        "--out", dir.resolve("out").toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = Files.readAllLines(dir.resolve("out/scores.csv"), StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split(","));
    List<String> row = List.of(lines.get(1).split(",", -1));
    assertEquals("280.0", row.get(header.indexOf("nearest_community-canteen_m")));
    assertEquals("", row.get(header.indexOf("nearest_kindergarten_m")), "not in the table");
    assertEquals("grey", row.get(header.indexOf("colour")));
    String profiles = Files.readString(dir.resolve("out/profiles.json"), StandardCharsets.UTF_8);
    assertTrue(profiles.contains("travel-time matrix"), profiles.substring(0, 300));

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "origin,destination,minutes\njingfang,c1,-2\nnobody,c1,3\n",
        StandardCharsets.UTF_8);
    LinliCommandTest.Run refused = LinliCommandTest.run("circles", "score", "--communities",
        in[0].toString(), "--facilities", in[1].toString(), "--travel-matrix", bad.toString(),
        "--out", dir.resolve("out2").toString());
    assertEquals(2, refused.code(), refused.err());
    assertTrue(refused.err().contains("bad.csv:2") && refused.err().contains(">= 0"),
        refused.err());
    LinliCommandTest.Run both = LinliCommandTest.run("circles", "score", "--communities",
        in[0].toString(), "--facilities", in[1].toString(), "--travel-matrix", matrix.toString(),
        "--network", matrix.toString(), "--out", dir.resolve("out3").toString());
    assertEquals(2, both.code(), both.err());
    assertTrue(both.err().contains("not both"), both.err());
  }

  @Test
  void score_withBoundaries_placesHomesInsideThem(@TempDir Path dir) throws IOException {
    Path[] in = jingfang(dir);
    Path outline = dir.resolve("boundaries.geojson");
    // A 0.01 x 0.002 degree strip east of the centroid: most homes are far from the kindergarten.
    Files.writeString(outline, """
        {"type": "FeatureCollection", "features": [
         {"type": "Feature", "id": "jingfang", "geometry": {"type": "Polygon", "coordinates": [[
           [120.2040, 30.2868], [120.2140, 30.2868], [120.2140, 30.2888], [120.2040, 30.2888],
           [120.2040, 30.2868]]]}}]}
        """, StandardCharsets.UTF_8);
    LinliCommandTest.Run plain = LinliCommandTest.run("circles", "score", "--communities",
        in[0].toString(), "--facilities", in[1].toString(), "--out",
        dir.resolve("plain").toString());
    LinliCommandTest.Run r = LinliCommandTest.run("circles", "score", "--communities",
        in[0].toString(), "--facilities", in[1].toString(), "--boundaries", outline.toString(),
        "--boundary-points", "64", "--out", dir.resolve("out").toString());
    assertEquals(0, plain.code(), plain.err());
    assertEquals(0, r.code(), r.err());
    String before = Files.readString(dir.resolve("plain/profiles.json"), StandardCharsets.UTF_8);
    String after = Files.readString(dir.resolve("out/profiles.json"), StandardCharsets.UTF_8);
    assertTrue(before.contains("\"nearestMetres\" : 12."), "the centroid is 10 m from it");
    assertTrue(!after.contains("\"nearestMetres\" : 12."), "homes spread over 960 m");

    Files.writeString(outline, Files.readString(outline).replace("\"jingfang\"", "\"elsewhere\""));
    LinliCommandTest.Run unknown = LinliCommandTest.run("circles", "score", "--communities",
        in[0].toString(), "--facilities", in[1].toString(), "--boundaries", outline.toString(),
        "--out", dir.resolve("out2").toString());
    assertEquals(2, unknown.code(), unknown.err());
    assertTrue(unknown.err().contains("elsewhere"), unknown.err());
  }
}
