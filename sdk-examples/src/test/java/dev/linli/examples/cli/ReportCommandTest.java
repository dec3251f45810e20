package dev.linli.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linli.core.city.City;
import dev.linli.core.circle.CommunityProfile;
import dev.linli.core.circle.HealthCheck;
import dev.linli.core.circle.HealthCheckResult;
import dev.linli.core.io.CityCsv;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

class ReportCommandTest {
  /** The synthetic city all tests share: written once, read only. */
  @TempDir static Path cityDir;
  private static Path communitiesCsv;
  private static Path facilitiesGeoJson;
  private static Path facilitiesCsv;
  private static HealthCheckResult expected;

  @BeforeAll
  static void generateCity() {
    LinliCommandTest.Run r = LinliCommandTest.run("city", "generate", "--seed", "11",
        "--communities", "95", "--facilities", "2000", "--out", cityDir.toString());
    assertEquals(0, r.code(), r.err());
    communitiesCsv = cityDir.resolve("communities.csv");
    facilitiesGeoJson = cityDir.resolve("facilities.geojson");
    facilitiesCsv = cityDir.resolve("facilities.csv");
    City city = CityCsv.strict().readCommunities(communitiesCsv).value().toBuilder()
        .facilities(CityCsv.strict().readFacilities(facilitiesCsv).value()).build();
    expected = HealthCheck.builder().build().run(city);
  }

  @Test
  void report_isWellFormedSelfContainedHtml_withEverySection(@TempDir Path out) throws Exception {
    LinliCommandTest.Run r = report(out);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("scored 95 communities against 2000 facilities (straight line x "
        + "1.30); bottom 10 flagged"), r.out());
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    Document page = parse(html);
    assertEquals("html", page.getDocumentElement().getTagName());
    assertTrue(html.startsWith("<!DOCTYPE html>\n"), html.substring(0, 40));
    assertTrue(html.contains("<meta charset=\"utf-8\"/>"));
    assertTrue(html.contains("<meta name=\"viewport\""));
    assertTrue(html.contains("@media print"));
    for (String id : List.of("summary", "map", "histogram", "bottom", "gaps", "sites", "files")) {
      assertTrue(byId(page, id).isPresent(), "section " + id);
    }
    String summary = byId(page, "summary").orElseThrow().getTextContent();
    assertTrue(summary.startsWith("95 communities with "), summary);
    assertTrue(summary.contains("gb50180-2018-hangzhou"), summary);
    assertTrue(summary.contains("straight line x 1.30"), summary);
  }

  @Test
  void report_everySvgParsesOnItsOwn_withViewBoxAndFullWidth(@TempDir Path out) throws Exception {
    assertEquals(0, report(out).code());
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    Matcher svg = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL).matcher(html);
    int count = 0;
    while (svg.find()) {
      Document d = parse(svg.group());
      Element root = d.getDocumentElement();
      assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
      assertTrue(root.getAttribute("viewBox").matches("0 0 [0-9.]+ [0-9.]+"), root.getAttribute(
          "viewBox"));
      assertEquals("100%", root.getAttribute("width"));
      count++;
    }
    assertEquals(2, count, "the map and the histogram");
    assertEquals(count, html.split("<svg", -1).length - 1, "no nested or unclosed svg");
    String map = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
    assertEquals(expected.bottom().size() + 1, countOf(map, "r=\"7\""),
        "a ring per bottom community, and one in the legend");
    assertTrue(map.contains(" km</text>") || map.contains(" m</text>"), "a scale bar");
    assertTrue(map.contains("Index quintile:"), "a legend");
    for (String colour : HealthReportPage.QUINTILE_COLOURS) {
      assertTrue(map.contains("fill=\"" + colour + "\""), colour);
    }
    String histogram = html.substring(html.lastIndexOf("<svg"), html.lastIndexOf("</svg>"));
    assertTrue(histogram.contains(">index (0-100)</text>"), "x axis label");
    assertTrue(histogram.contains(">communities</text>"), "y axis label");
    assertEquals(expected.profiles().size(), Pattern.compile(
        "<title>index \\d+-\\d+: (\\d+) communities</title>").matcher(histogram).results()
        .mapToInt(m -> Integer.parseInt(m.group(1))).sum(), "bins add up to every community");
  }

  @Test
  void report_fetchesNothing_andHasNoScript(@TempDir Path out) throws Exception {
    assertEquals(0, report(out).code());
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"));
    Matcher url = Pattern.compile("https?://[^\"'\\s<>)]*").matcher(html);
    Set<String> urls = new HashSet<>();
    while (url.find()) {
      urls.add(url.group());
    }
    assertEquals(Set.of("http://www.w3.org/1999/xhtml", "http://www.w3.org/2000/svg"), urls);
    Document page = parse(html);
    for (String tag : List.of("script", "link", "img", "iframe", "object", "embed", "image",
        "use")) {
      assertEquals(0, page.getElementsByTagName(tag).getLength(), tag);
    }
    assertFalse(html.contains(" src=") || html.contains(" href=") || html.contains("url("),
        "no references to other files");
  }

  @Test
  void report_bottomTable_hasOneRowPerBottomCommunity_worstFirst(@TempDir Path out)
      throws Exception {
    assertEquals(0, report(out).code());
    Document page = parse(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8));
    List<Element> rows = bodyRows(byId(page, "bottom-table").orElseThrow());
    int n = expected.profiles().size();
    assertTrue(rows.size() == (int) Math.ceil(n * 0.1) || rows.size() == (int) Math.floor(n * 0.1),
        rows.size() + " rows for " + n + " communities");
    assertEquals(expected.bottom().size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      CommunityProfile p = expected.bottom().get(i);
      NodeList cells = rows.get(i).getElementsByTagName("td");
      assertEquals(Integer.toString(p.rank()), cells.item(0).getTextContent());
      assertEquals(p.name().toString(), cells.item(1).getTextContent());
      assertEquals(p.reasons().isEmpty() ? "none reported" : String.join("; ", p.reasons()),
          cells.item(6).getTextContent());
      for (int c = 0; c < cells.getLength(); c++) {
        assertFalse(((Element) cells.item(c)).getAttribute("data-label").isEmpty(),
            "cells are labelled for the phone layout");
      }
    }
    List<Element> gapTables = new ArrayList<>();
    NodeList tables = page.getElementsByTagName("table");
    for (int i = 0; i < tables.getLength(); i++) {
      Element t = (Element) tables.item(i);
      if (t.getAttribute("class").equals("gaps")) {
        gapTables.add(t);
      }
    }
    assertEquals(expected.gaps().size(), gapTables.stream().mapToInt(t -> bodyRows(t).size())
        .sum(), "one row per gap");
    assertEquals(expected.gaps().stream().map(g -> g.districtId()).distinct().count(),
        gapTables.size(), "one table per district with gaps");
  }

  @Test
  void report_writesTheDataFiles_withTheirHeaders(@TempDir Path out) throws Exception {
    assertEquals(0, report(out).code());
    for (String f : ReportCommand.FILES) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    List<String> scores = Files.readAllLines(out.resolve("scores.csv"), StandardCharsets.UTF_8);
    assertTrue(scores.get(0).startsWith("community_id,name_zh,name_en,district_id,subdistrict_id,"
        + "population,index,rank,district_rank,percentile,stars,bottom,"), scores.get(0));
    assertEquals(96, scores.size());
    List<String> gaps = Files.readAllLines(out.resolve("gaps.csv"), StandardCharsets.UTF_8);
    assertEquals("district_id,type,communities_lacking,residents_affected,community_ids",
        gaps.get(0));
    assertEquals(expected.gaps().size() + 1, gaps.size());
    List<String> sites = Files.readAllLines(out.resolve("sites.csv"), StandardCharsets.UTF_8);
    assertEquals("step,type,lat,lon,newly_covered,total_covered", sites.get(0));
    List<String> types = ReportCommand.largestGaps(expected, 3);
    assertEquals(3, types.size());
    assertEquals(types, sites.stream().skip(1).map(l -> l.split(",")[1]).distinct().toList(),
        "the three largest gaps, in order");
    JsonNode geo = new ObjectMapper().readTree(out.resolve("sites.geojson").toFile());
    assertEquals("FeatureCollection", geo.path("type").asText());
    assertEquals(sites.size() - 1, geo.path("features").size());
    Set<String> ids = new HashSet<>();
    geo.path("features").forEach(f -> ids.add(f.path("id").asText()));
    assertEquals(sites.size() - 1, ids.size(), "feature ids unique across types: " + ids);
    Document page = parse(Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8));
    assertEquals(sites.size() - 1, bodyRows(byId(page, "sites-table").orElseThrow()).size());
  }

  @Test
  void report_siteTypeAndCount_areOptions(@TempDir Path out) throws Exception {
    LinliCommandTest.Run r = LinliCommandTest.run("report", "--communities",
        communitiesCsv.toString(), "--facilities", facilitiesCsv.toString(), "--site-type",
        "community-canteen", "--sites", "2", "--spacing", "500", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> sites = Files.readAllLines(out.resolve("sites.csv"), StandardCharsets.UTF_8);
    assertEquals(3, sites.size(), String.join("\n", sites));
    assertTrue(sites.get(1).startsWith("1,community-canteen,"), sites.get(1));
    assertTrue(sites.get(2).startsWith("2,community-canteen,"), sites.get(2));
  }

  @Test
  void report_noSites_saysSo_andWritesHeaderOnlyFiles(@TempDir Path out) throws Exception {
    LinliCommandTest.Run r = LinliCommandTest.run("report", "--communities",
        communitiesCsv.toString(), "--facilities", facilitiesCsv.toString(), "--sites", "0",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("step,type,lat,lon,newly_covered,total_covered"),
        Files.readAllLines(out.resolve("sites.csv"), StandardCharsets.UTF_8));
    assertEquals(0, new ObjectMapper().readTree(out.resolve("sites.geojson").toFile())
        .path("features").size());
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    parse(html);
    assertTrue(html.contains("No sites recommended"), "sites section explains");
  }

  @Test
  void report_escapesNames_andWritesUtf8(@TempDir Path dir) throws Exception {
    Path communities = dir.resolve("communities.csv");
    Files.writeString(communities, "id,name_zh,name_en,district_id,district_zh,subdistrict_id,"
        + "subdistrict_zh,lat,lon,pop_0_3,pop_4_17,pop_18_59,pop_60_79,pop_80_plus\n"
        + "jingfang,\"景芳<b>&amp;\"\"社区\"\"\",A & B <i>,sc,上城区 <x>,kx,凯旋,30.2868,"
        + "120.2040,10,20,30,40,50\n", StandardCharsets.UTF_8);
    Path facilities = dir.resolve("facilities.csv");
    Files.writeString(facilities, "id,type,name_zh,lat,lon\n"
        + "c1,community-canteen,食堂,30.2868,120.2070\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    LinliCommandTest.Run r = LinliCommandTest.run("report", "--communities",
        communities.toString(), "--facilities", facilities.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    Document page = parse(html);
    List<Element> rows = bodyRows(byId(page, "bottom-table").orElseThrow());
    assertEquals(1, rows.size(), "one community: the bottom 10% rounds up to one");
    assertEquals("景芳<b>&amp;\"社区\" (A & B <i>)",
        rows.get(0).getElementsByTagName("td").item(1).getTextContent());
    assertEquals("上城区 <x>", rows.get(0).getElementsByTagName("td").item(2).getTextContent());
    assertFalse(html.contains("<b>") || html.contains("<i>") || html.contains("<x>"));
    assertFalse(html.contains("NaN") || html.contains("Infinity"), "one point still makes a map");
  }

  @Test
  void report_emptyCity_writesAnEmptyButValidPage(@TempDir Path dir) throws Exception {
    Path communities = dir.resolve("communities.csv");
    Files.writeString(communities, Files.readAllLines(communitiesCsv, StandardCharsets.UTF_8)
        .get(0) + "\n", StandardCharsets.UTF_8);
    Path facilities = dir.resolve("facilities.csv");
    Files.writeString(facilities, Files.readAllLines(facilitiesCsv, StandardCharsets.UTF_8).get(0)
        + "\n", StandardCharsets.UTF_8);
    Path out = dir.resolve("out");
    LinliCommandTest.Run r = LinliCommandTest.run("report", "--communities",
        communities.toString(), "--facilities", facilities.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    Document page = parse(html);
    assertEquals(0, bodyRows(byId(page, "bottom-table").orElseThrow()).size());
    assertTrue(html.contains("No gaps"), "gap section explains");
    assertTrue(html.contains("No sites recommended"), "sites section explains");
    assertFalse(html.contains("NaN") || html.contains("Infinity"), "no broken numbers");
    assertEquals(1, Files.readAllLines(out.resolve("scores.csv"), StandardCharsets.UTF_8).size());
  }

  @Test
  void report_missingFile_sameMessageAsCircles_exitTwo(@TempDir Path dir) {
    String missing = dir.resolve("nowhere.csv").toString();
    LinliCommandTest.Run report = LinliCommandTest.run("report", "--communities", missing,
        "--facilities", facilitiesCsv.toString(), "--out", dir.resolve("out").toString());
    LinliCommandTest.Run circles = LinliCommandTest.run("circles", "score", "--communities",
        missing, "--facilities", facilitiesCsv.toString(), "--out", dir.resolve("out").toString());
    assertEquals(2, report.code());
    assertEquals(circles.err().replace("linli score: ", "linli report: "), report.err());
    assertEquals("linli report: " + missing + ": no such file\n", report.err());
    assertFalse(Files.exists(dir.resolve("out/report.html")));
  }

  @Test
  void report_malformedCsv_namesFileLineAndField_exitTwo(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("facilities.csv");
    Files.writeString(bad, "id,type,name_zh,lat,lon\nF1,public-gym,健身房,30.2,120.2\n"
        + "F2,casino,赌场,30.2,120.2\n", StandardCharsets.UTF_8);
    LinliCommandTest.Run report = LinliCommandTest.run("report", "--communities",
        communitiesCsv.toString(), "--facilities", bad.toString(), "--out", dir.toString());
    LinliCommandTest.Run circles = LinliCommandTest.run("circles", "score", "--communities",
        communitiesCsv.toString(), "--facilities", bad.toString(), "--out", dir.toString());
    assertEquals(2, report.code());
    assertEquals(circles.err().replace("linli score: ", "linli report: "), report.err());
    assertTrue(report.err().contains("facilities.csv:3: type: must be a facility type"),
        report.err());
  }

  @Test
  void report_unknownSiteType_exitTwo(@TempDir Path dir) {
    LinliCommandTest.Run r = LinliCommandTest.run("report", "--communities",
        communitiesCsv.toString(), "--facilities", facilitiesCsv.toString(), "--site-type",
        "casino", "--out", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("linli report: type = casino: must be a type the standard "
        + "requires: [community-service-station,"), r.err());
  }

  @Test
  void report_tooManySites_exitTwo(@TempDir Path dir) {
    LinliCommandTest.Run r = LinliCommandTest.run("report", "--communities",
        communitiesCsv.toString(), "--facilities", facilitiesCsv.toString(), "--sites", "101",
        "--out", dir.toString());
    assertEquals(2, r.code());
    assertEquals("linli report: sites = 101: must be between 0 and 100\n", r.err());
  }

  @Test
  void report_help_namesTheInputsAndOutputs() {
    LinliCommandTest.Run r = LinliCommandTest.run("report", "--help");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("Usage: linli report "), r.out());
    for (String option : List.of("--communities=FILE", "--facilities=FILE", "--network=FILE",
        "--standard=FILE", "--out=DIR", "--site-type=TYPE", "--sites=K", "--spacing=METRES")) {
      assertTrue(r.out().contains(option), option);
    }
    assertTrue(r.out().contains("report.html"), r.out());
  }

  /** Renders the page in headless Chromium when one is installed; skipped otherwise. */
  @Test
  void report_rendersInHeadlessChromium(@TempDir Path out) throws Exception {
    Optional<Path> browser = onPath("chromium", "chromium-headless-shell", "google-chrome",
        "chromium-browser");
    Assumptions.assumeTrue(browser.isPresent(), "no headless Chromium on PATH");
    assertEquals(0, report(out).code());
    Path page = out.resolve("report.html").toAbsolutePath();
    Process p = new ProcessBuilder(browser.get().toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--no-first-run", "--user-data-dir=" + out.resolve("profile"),
        "--dump-dom", page.toUri().toString())
        .redirectOutput(out.resolve("dom.html").toFile())
        .redirectError(out.resolve("chromium.err").toFile()).start();
    boolean finished = p.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    assertTrue(finished, "chromium finished within two minutes");
    assertEquals(0, p.exitValue(), Files.readString(out.resolve("chromium.err")));
    String rendered = Files.readString(out.resolve("dom.html"), StandardCharsets.UTF_8);
    assertTrue(rendered.contains("id=\"bottom-table\""), rendered.length() + " chars");
    String table = rendered.substring(rendered.indexOf("id=\"bottom-table\""));
    table = table.substring(0, table.indexOf("</table>"));
    assertEquals(expected.bottom().size(), countOf(table, "<tr>") - 1, "rows as rendered");
    assertEquals(2, countOf(rendered, "<svg "));
    assertTrue(rendered.contains(expected.bottom().get(0).name().zh()), "UTF-8 names survive");
  }

  private static LinliCommandTest.Run report(Path out) {
    return LinliCommandTest.run("report", "--communities", communitiesCsv.toString(),
        "--facilities", facilitiesGeoJson.toString(), "--out", out.toString());
  }

  private static Document parse(String xml)
      throws ParserConfigurationException, SAXException, IOException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(null);
    return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static Optional<Element> byId(Document d, String id) {
    NodeList all = d.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (e.getAttribute("id").equals(id)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  private static List<Element> bodyRows(Element table) {
    Element body = (Element) table.getElementsByTagName("tbody").item(0);
    NodeList rows = body.getElementsByTagName("tr");
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < rows.getLength(); i++) {
      out.add((Element) rows.item(i));
    }
    return out;
  }

  private static int countOf(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  private static Optional<Path> onPath(String... names) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : names) {
      for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  @Test
  void report_fromAnOsmFile_inOneCommand(@TempDir Path dir) throws IOException {
    Path pbf = OsmPbfTest.copy(dev.linli.core.osm.OsmFixture.PBF, dir, "jingfang.osm.pbf");
    Path out = dir.resolve("report");
    LinliCommandTest.Run r = LinliCommandTest.run("report", "--osm", pbf.toString(),
        "--facilities-from-osm", "--communities",
        CirclesCommandTest.osmCommunities(dir).toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String html = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertTrue(html.contains("walk network of"), "the travel model is named");
    assertTrue(Files.size(out.resolve("scores.csv")) > 0);
  }
}
