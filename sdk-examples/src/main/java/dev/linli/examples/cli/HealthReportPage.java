package dev.linli.examples.cli;

import dev.linli.core.circle.CircleStandard;
import dev.linli.core.circle.CommunityProfile;
import dev.linli.core.circle.Gap;
import dev.linli.core.circle.HealthCheckResult;
import dev.linli.core.circle.SitingPlan;
import dev.linli.core.circle.StarRating;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.place.Community;
import dev.linli.core.place.District;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The researcher's report of one health check as a single self-contained HTML page: summary, city
 * map and index histogram as inline SVG, the bottom group with reasons, the gap list per district
 * and the recommended sites. No scripts, fonts, images or style sheets are fetched; the page is
 * well-formed XML (XHTML-compatible HTML5), fits a phone and prints on A4. The output depends only on
 * its inputs (no clock, no default locale). Not thread-safe; use one instance per page.
 */
final class HealthReportPage {
  /** Fill colours of index quintiles, lowest first (ColorBrewer-like red-yellow-green). */
  static final List<String> QUINTILE_COLOURS = List.of("#d7301f", "#fc8d59", "#fee08b", "#91cf60",
      "#1a9850");
  /** Colours of site markers, one per sited facility type, in order. */
  private static final List<String> SITE_COLOURS = List.of("#2c3e99", "#7b3294", "#00838f",
      "#5d4037", "#c2185b");
  private static final double METRES_PER_DEGREE = 111_195.0;
  private static final String SVG = "http://www.w3.org/2000/svg";

  private static final String CSS = String.join("\n",
      ":root { color-scheme: light; }",
      "body { font-family: system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Noto Sans CJK SC',"
          + " 'Microsoft YaHei', sans-serif; margin: 0; color: #1f2328; background: #fff;"
          + " line-height: 1.5; }",
      "main { max-width: 62rem; margin: 0 auto; padding: 1rem; }",
      "h1 { font-size: 1.6rem; margin: 0.5rem 0; }",
      "h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; }",
      "h3 { font-size: 1.05rem; margin-bottom: 0.25rem; }",
      "figure { margin: 1rem 0; }",
      "figcaption { font-size: 0.9rem; color: #57606a; }",
      "svg { width: 100%; height: auto; display: block; }",
      ".scroll { overflow-x: auto; }",
      "table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }",
      "th, td { border-bottom: 1px solid #d0d7de; padding: 0.3rem 0.5rem; text-align: left;"
          + " vertical-align: top; }",
      "th { background: #f6f8fa; }",
      "td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }",
      "td.reasons { font-size: 0.8rem; min-width: 16rem; }",
      ".muted { color: #57606a; }",
      "@media (max-width: 40rem) { main { padding: 0.5rem; } table { font-size: 0.8rem; }"
          + " th, td { padding: 0.2rem 0.3rem; }"
          // On a phone the bottom table becomes one card per community, each cell labelled.
          + " table.cards thead { display: none; } table.cards tr { display: block;"
          + " border-bottom: 2px solid #d0d7de; padding: 0.3rem 0; } table.cards td { display: block;"
          + " border: none; text-align: left; min-width: 0; }"
          + " table.cards td::before { content: attr(data-label) ': '; font-weight: 600; } }",
      "@media print { @page { size: A4; margin: 15mm; } body { font-size: 10pt; }"
          + " main { max-width: none; padding: 0; } h2 { break-after: avoid; }"
          + " figure, tr { break-inside: avoid; } .scroll { overflow: visible; }"
          + " th { background: none; } }",
      "");

  private final HealthCheckResult result;
  private final List<SitingPlan> plans;
  private final FacilityTaxonomy taxonomy;
  private final Map<String, Community> communities = new HashMap<>();
  private final Map<String, District> districts = new LinkedHashMap<>();

  /**
   * Prepares the page.
   *
   * @param result the health check
   * @param plans the siting plans to recommend, in order
   * @param taxonomy names of facility types and categories
   */
  HealthReportPage(HealthCheckResult result, List<SitingPlan> plans, FacilityTaxonomy taxonomy) {
    this.result = result;
    this.plans = List.copyOf(plans);
    this.taxonomy = taxonomy;
    result.city().communities().forEach(c -> communities.put(c.id(), c));
    result.city().districts().forEach(d -> districts.put(d.id(), d));
  }

  /**
   * Draws the page's map as a standalone SVG file (the CLI's {@code map.svg}).
   *
   * @return the SVG text
   */
  String mapSvg() {
    Markup m = new Markup();
    mapSvg(m);
    return m.finish() + "\n";
  }

  /**
   * Draws the page's index histogram as a standalone SVG file (the CLI's {@code histogram.svg}).
   *
   * @return the SVG text
   */
  String histogramSvg() {
    Markup m = new Markup();
    histogramSvg(m);
    return m.finish() + "\n";
  }

  /**
   * Renders the page.
   *
   * @param files names of the data files written next to the page, listed at its end
   * @return the HTML text
   */
  String render(List<String> files) {
    Markup m = new Markup();
    m.doctype();
    m.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "zh-Hans");
    m.open("head");
    m.empty("meta", "charset", "utf-8");
    m.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    m.element("title", "City health check report 城市社区体检报告");
    m.open("style").raw(CSS).close("style");
    m.close("head");
    m.open("body").open("main");
    m.element("h1", "City health check report 城市社区体检报告");
    m.element("p", summary(), "id", "summary");
    m.element("h2", "Map 地图", "id", "map");
    m.open("figure");
    mapSvg(m);
    m.element("figcaption", "Communities coloured by index quintile; black rings: the bottom "
        + "group; diamonds: recommended sites (number = order chosen). Equirectangular projection "
        + "scaled by the cosine of the latitude; north is up.");
    m.close("figure");
    m.element("h2", "Index distribution 指数分布", "id", "histogram");
    m.open("figure");
    histogramSvg(m);
    m.element("figcaption", "Communities per 5-point bin of the 0-100 index; the dashed line is "
        + "the highest index in the bottom group.");
    m.close("figure");
    ratingTables(m);
    bottomTable(m);
    gapList(m);
    sitesTable(m);
    m.element("h2", "Data files 数据文件", "id", "files");
    m.element("p", "Written next to this page (columns in docs/formats.md): "
        + String.join(", ", files) + ".");
    m.close("main").close("body").close("html");
    return m.finish();
  }

  private String summary() {
    List<CommunityProfile> profiles = result.profiles();
    long residents = profiles.stream().mapToLong(CommunityProfile::population).sum();
    double[] sorted = profiles.stream().mapToDouble(CommunityProfile::index).sorted().toArray();
    double median = sorted.length == 0 ? 0 : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    CircleStandard standard = result.standard();
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%d communities with %,d "
        + "residents in %d districts and %,d facilities, scored against the standard %s (%s, %d "
        + "required facility types in %d circles) with travel by %s. ", profiles.size(), residents,
        districts.size(), result.city().facilities().size(), standard.id(),
        standard.name(), standard.requiredTypes().size(), standard.levels().size(),
        result.travel().describe()));
    s.append(String.format(Locale.ROOT, "The median index is %.1f of 100; the bottom %d "
        + "communities (%.0f%%) are flagged for gap filling (补短板). ", median,
        result.bottom().size(), 100.0 * result.bottom().size() / Math.max(1, profiles.size())));
    List<Gap> gaps = result.gaps();
    s.append(String.format(Locale.ROOT, "The gap list has %d entries", gaps.size()));
    gaps.stream().max(Comparator.comparingLong(Gap::residentsAffected)).ifPresent(g -> s.append(
        String.format(Locale.ROOT, "; the largest leaves %,d residents of %s without a %s in time",
            g.residentsAffected(), districtName(g.districtId()), typeName(g.typeCode()))));
    s.append(". ");
    s.append(plans.isEmpty() ? "No new facilities are recommended."
        : String.format(Locale.ROOT, "%d new sites are recommended for %d facility types.",
            plans.stream().mapToInt(p -> p.steps().size()).sum(), plans.size()));
    return s.toString();
  }

  /** The city map: quintile dots, bottom rings, site diamonds, legend and scale bar. */
  private void mapSvg(Markup m) {
    List<GeoPoint> points = new ArrayList<>();
    result.city().communities().forEach(c -> points.add(c.centroid()));
    plans.forEach(p -> p.steps().forEach(s -> points.add(s.site())));
    double minLat = points.stream().mapToDouble(GeoPoint::lat).min().orElse(0);
    double maxLat = points.stream().mapToDouble(GeoPoint::lat).max().orElse(0);
    double minLon = points.stream().mapToDouble(GeoPoint::lon).min().orElse(0);
    double maxLon = points.stream().mapToDouble(GeoPoint::lon).max().orElse(0);
    double kx = Math.cos(Math.toRadians((minLat + maxLat) / 2));
    double width = 1000;
    double margin = 20;
    // Degrees of latitude per unit of drawing; a city a few hundred metres across still gets a map.
    double spanX = Math.max((maxLon - minLon) * kx, 0.002);
    double spanY = Math.max(maxLat - minLat, 0.002);
    double scale = Math.min((width - 2 * margin) / spanX, 700 / spanY);
    double mapHeight = spanY * scale + 2 * margin;
    double legendTop = mapHeight + 10;
    int legendRows = 2 + plans.size();
    double height = legendTop + legendRows * 30 + 10;
    double x0 = margin + (width - 2 * margin - (maxLon - minLon) * kx * scale) / 2;
    double y0 = margin + (mapHeight - 2 * margin - (maxLat - minLat) * scale) / 2;
    java.util.function.Function<GeoPoint, double[]> xy = p -> new double[] {
        x0 + (p.lon() - minLon) * kx * scale, y0 + (maxLat - p.lat()) * scale};

    m.open("svg", "xmlns", SVG, "viewBox", "0 0 " + Markup.num(width) + " " + Markup.num(height),
        "width", "100%", "role", "img", "font-family", "sans-serif", "font-size", "18",
        "aria-labelledby", "map-title");
    m.element("title", String.format(Locale.ROOT, "Map of %d communities, bottom %d ringed",
        result.profiles().size(), result.bottom().size()), "id", "map-title");
    m.empty("rect", "width", Markup.num(width), "height", Markup.num(mapHeight), "fill", "#f7f7f2");
    m.open("g", "stroke", "#ffffff", "stroke-width", "0.6");
    // Best first, so the worst communities are drawn last, on top.
    for (CommunityProfile p : result.ranking()) {
      double[] at = xy.apply(communities.get(p.communityId()).centroid());
      m.open("circle", "cx", Markup.num(at[0]), "cy", Markup.num(at[1]), "r", "4.5",
          "fill", QUINTILE_COLOURS.get(p.quintile() - 1));
      // Concatenated, not formatted: one title per community (a formatter per call was most of
      // the map's time).
      m.element("title", p.name().display() + ": index " + Markup.num(p.index()) + ", rank "
          + p.rank());
      m.close("circle");
    }
    m.close("g");
    m.open("g", "fill", "none", "stroke", "#000000", "stroke-width", "1.6");
    for (CommunityProfile p : result.bottom()) {
      double[] at = xy.apply(communities.get(p.communityId()).centroid());
      m.empty("circle", "cx", Markup.num(at[0]), "cy", Markup.num(at[1]), "r", "7");
    }
    m.close("g");
    for (int i = 0; i < plans.size(); i++) {
      SitingPlan plan = plans.get(i);
      m.open("g", "fill", siteColour(i), "stroke", "#ffffff", "stroke-width", "1.2");
      for (int s = 0; s < plan.steps().size(); s++) {
        double[] at = xy.apply(plan.steps().get(s).site());
        m.open("g");
        m.element("title", String.format(Locale.ROOT, "new %s, step %d: %.0f residents newly "
            + "covered", typeName(plan.typeCode()), s + 1, plan.steps().get(s).newlyCovered()));
        m.empty("path", "d", diamond(at[0], at[1], 9));
        m.element("text", s + 1, "x", Markup.num(at[0]), "y", Markup.num(at[1] + 4),
            "text-anchor", "middle", "font-size", "10", "fill", "#ffffff", "stroke", "none");
        m.close("g");
      }
      m.close("g");
    }
    scaleBar(m, width - margin, mapHeight - margin / 2, scale, width);
    legend(m, legendTop);
    m.close("svg");
  }

  private void scaleBar(Markup m, double right, double y, double pixelsPerDegree, double width) {
    double metresPerPixel = METRES_PER_DEGREE / pixelsPerDegree;
    double target = metresPerPixel * width / 5;
    double step = Math.pow(10, Math.floor(Math.log10(target)));
    double metres = target >= 5 * step ? 5 * step : target >= 2 * step ? 2 * step : step;
    double length = metres / metresPerPixel;
    double left = right - length;
    m.open("g", "stroke", "#000000", "stroke-width", "2", "fill", "none");
    m.empty("path", "d", "M" + Markup.num(left) + " " + Markup.num(y - 6) + " V" + Markup.num(y)
        + " H" + Markup.num(right) + " V" + Markup.num(y - 6));
    m.close("g");
    m.element("text", metres >= 1000 ? String.format(Locale.ROOT, "%.0f km", metres / 1000)
        : String.format(Locale.ROOT, "%.0f m", metres), "x", Markup.num((left + right) / 2), "y",
        Markup.num(y - 9), "text-anchor", "middle");
  }

  private void legend(Markup m, double top) {
    double x = 20;
    double y = top + 15;
    String[] labels = {"lowest 20%", "20-40%", "40-60%", "60-80%", "top 20%"};
    m.element("text", "Index quintile:", "x", Markup.num(x), "y", Markup.num(y + 6));
    x += 150;
    for (int q = 0; q < 5; q++) {
      m.empty("circle", "cx", Markup.num(x), "cy", Markup.num(y), "r", "6", "fill",
          QUINTILE_COLOURS.get(q));
      m.element("text", labels[q], "x", Markup.num(x + 10), "y", Markup.num(y + 6));
      x += 30 + labels[q].length() * 10;
    }
    y += 30;
    m.empty("circle", "cx", "26", "cy", Markup.num(y), "r", "7", "fill", "none", "stroke", "#000000",
        "stroke-width", "1.6");
    m.element("text", String.format(Locale.ROOT, "bottom group (%d communities, gap filling 补短板)",
        result.bottom().size()), "x", "40", "y", Markup.num(y + 6));
    for (int i = 0; i < plans.size(); i++) {
      y += 30;
      m.empty("path", "d", diamond(26, y, 7), "fill", siteColour(i));
      m.element("text", "recommended site: " + typeName(plans.get(i).typeCode()), "x", "40", "y",
          Markup.num(y + 6));
    }
  }

  /** The index histogram: 20 bins of 5 points, counts on the bars, labelled axes. */
  private void histogramSvg(Markup m) {
    int[] bins = new int[20];
    for (CommunityProfile p : result.profiles()) {
      bins[Math.max(0, Math.min(19, (int) (p.index() / 5)))]++;
    }
    int max = 1;
    for (int b : bins) {
      max = Math.max(max, b);
    }
    double left = 50;
    double bottom = 250;
    double barWidth = 30;
    double plotHeight = 200;
    m.open("svg", "xmlns", SVG, "viewBox", "0 0 680 300", "width", "100%", "role", "img",
        "font-family", "sans-serif", "font-size", "13", "aria-labelledby", "histogram-title");
    m.element("title", "Communities by index, 20 bins of 5 points", "id", "histogram-title");
    for (int tick = 0; tick <= 4; tick++) {
      int count = (int) Math.round(max * tick / 4.0);
      double y = bottom - plotHeight * count / max;
      m.empty("line", "x1", Markup.num(left - 4), "y1", Markup.num(y), "x2",
          Markup.num(left + 20 * barWidth), "y2", Markup.num(y), "stroke", "#d0d7de");
      m.element("text", count, "x", Markup.num(left - 8), "y", Markup.num(y + 4), "text-anchor",
          "end");
    }
    for (int b = 0; b < 20; b++) {
      double h = plotHeight * bins[b] / max;
      double x = left + b * barWidth;
      m.open("rect", "x", Markup.num(x + 2), "y", Markup.num(bottom - h), "width",
          Markup.num(barWidth - 4), "height", Markup.num(h), "fill",
          QUINTILE_COLOURS.get(Math.min(4, b / 4)));
      m.element("title", String.format(Locale.ROOT, "index %d-%d: %d communities", b * 5,
          b * 5 + 5, bins[b]));
      m.close("rect");
      if (bins[b] > 0) {
        m.element("text", bins[b], "x", Markup.num(x + barWidth / 2), "y",
            Markup.num(bottom - h - 4), "text-anchor", "middle");
      }
    }
    m.empty("line", "x1", Markup.num(left), "y1", Markup.num(bottom), "x2",
        Markup.num(left + 20 * barWidth), "y2", Markup.num(bottom), "stroke", "#000000");
    for (int tick = 0; tick <= 100; tick += 10) {
      double x = left + tick / 5.0 * barWidth;
      m.empty("line", "x1", Markup.num(x), "y1", Markup.num(bottom), "x2", Markup.num(x), "y2",
          Markup.num(bottom + 5), "stroke", "#000000");
      m.element("text", tick, "x", Markup.num(x), "y", Markup.num(bottom + 18), "text-anchor",
          "middle");
    }
    m.element("text", "index (0-100)", "x", Markup.num(left + 10 * barWidth), "y", "290",
        "text-anchor", "middle", "font-size", "14");
    m.element("text", "communities", "x", "14", "y", Markup.num(bottom - plotHeight / 2),
        "text-anchor", "middle", "font-size", "14", "transform",
        "rotate(-90 14 " + Markup.num(bottom - plotHeight / 2) + ")");
    double cut = result.bottom().stream().mapToDouble(CommunityProfile::index).max().orElse(-1);
    if (cut >= 0) {
      double x = left + Math.min(100, cut) / 5 * barWidth;
      m.empty("line", "x1", Markup.num(x), "y1", Markup.num(bottom - plotHeight - 15), "x2",
          Markup.num(x), "y2", Markup.num(bottom), "stroke", "#000000", "stroke-dasharray", "4 3");
      m.element("text", String.format(Locale.ROOT, "bottom %d: index \u2264 %.1f",
          result.bottom().size(), cut), "x", Markup.num(x + 4), "y",
          Markup.num(bottom - plotHeight - 5));
    }
    m.close("svg");
  }

  private void bottomTable(Markup m) {
    List<CommunityProfile> bottom = result.bottom();
    m.element("h2", String.format(Locale.ROOT, "Bottom %d communities 待补短板社区", bottom.size()),
        "id", "bottom");
    m.element("p", "Worst first. Reasons are the facility types most residents cannot reach within "
        + "their required circle, as the health check reports them; the weakest category is the "
        + "lowest category score.", "class", "muted");
    m.open("div", "class", "scroll");
    m.open("table", "id", "bottom-table", "class", "cards");
    List<String> headings = List.of("Rank", "Community 社区", "District 区", "Residents", "Index",
        "Weakest category", "Reasons", "Rating 五星三色");
    m.open("thead").open("tr");
    for (int i = 0; i < headings.size(); i++) {
      m.element("th", headings.get(i), "class", i == 0 || i == 3 || i == 4 ? "n" : null);
    }
    m.close("tr").close("thead");
    m.open("tbody");
    for (CommunityProfile p : bottom) {
      m.open("tr");
      m.element("td", p.rank(), "class", "n", "data-label", headings.get(0));
      m.element("td", p.name().toString(), "data-label", headings.get(1));
      m.element("td", districtName(p.districtId()), "data-label", headings.get(2));
      m.element("td", String.format(Locale.ROOT, "%,d", p.population()), "class", "n",
          "data-label", headings.get(3));
      m.element("td", String.format(Locale.ROOT, "%.1f", p.index()), "class", "n",
          "data-label", headings.get(4));
      m.element("td", p.categoryScores().entrySet().stream()
          .min(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
          .map(e -> String.format(Locale.ROOT, "%s %.0f", categoryName(e.getKey()), e.getValue()))
          .orElse(""), "data-label", headings.get(5));
      // One paragraph rather than a list: a community far from everything has twenty reasons.
      m.element("td", p.reasons().isEmpty() ? "none reported" : String.join("; ", p.reasons()),
          "class", "reasons", "data-label", headings.get(6));
      m.element("td", rating(p), "data-label", headings.get(7));
      m.close("tr");
    }
    m.close("tbody").close("table").close("div");
  }

  /** One community's grade as text, such as {@code ★★★☆☆ 黄 yellow}. */
  private String rating(CommunityProfile p) {
    int of = result.rating().stars().size();
    return "★".repeat(p.stars()) + "☆".repeat(of - p.stars()) + " "
        + result.rating().colour(p.colour()).name();
  }

  /** The five-star, three-colour rating: communities per colour and per star. */
  private void ratingTables(Markup m) {
    StarRating rating = result.rating();
    m.element("h2", "Stars and colours 五星三色", "id", "rating");
    m.element("p", String.format(Locale.ROOT, "Rated by %s (%s): a star is earned when the mean "
        + "score of its categories reaches its threshold; a colour needs its stars and index.",
        rating.id(), rating.name()), "class", "muted");
    List<CommunityProfile> profiles = result.profiles();
    m.open("div", "class", "scroll");
    m.open("table", "id", "rating-colours");
    m.open("thead").open("tr");
    m.element("th", "Colour 颜色").element("th", "Needs").element("th", "Communities", "class", "n")
        .element("th", "Residents", "class", "n");
    m.close("tr").close("thead").open("tbody");
    for (StarRating.Colour c : rating.colours()) {
      List<CommunityProfile> these = profiles.stream().filter(p -> p.colour().equals(c.code()))
          .toList();
      m.open("tr");
      m.element("td", c.name().toString());
      m.element("td", c.minStars() == 0 && c.minIndex() == 0 ? "the rest"
          : String.format(Locale.ROOT, "%d+ stars, index %.0f+", c.minStars(), c.minIndex()));
      m.element("td", these.size(), "class", "n");
      m.element("td", String.format(Locale.ROOT, "%,d",
          these.stream().mapToLong(CommunityProfile::population).sum()), "class", "n");
      m.close("tr");
    }
    m.close("tbody").close("table");
    m.open("table", "id", "rating-stars");
    m.open("thead").open("tr");
    m.element("th", "Star 星").element("th", "Categories").element("th", "Threshold", "class", "n")
        .element("th", "Communities earning it", "class", "n");
    m.close("tr").close("thead").open("tbody");
    for (StarRating.Star star : rating.stars()) {
      m.open("tr");
      m.element("td", star.name().toString());
      m.element("td", String.join(", ", star.categories().stream().map(this::categoryName)
          .toList()));
      m.element("td", String.format(Locale.ROOT, "%.0f", star.minScore()), "class", "n");
      m.element("td", profiles.stream().filter(p -> p.starsEarned().contains(star.code())).count(),
          "class", "n");
      m.close("tr");
    }
    m.close("tbody").close("table").close("div");
  }

  private void gapList(Markup m) {
    m.element("h2", "Gaps by district 各区短板清单", "id", "gaps");
    m.element("p", "Per district, the facility types that leave residents without service within "
        + "their required circle, most residents affected first. A community lacks a type when "
        + "fewer than half its residents reach it in time.", "class", "muted");
    Map<String, List<Gap>> byDistrict = new LinkedHashMap<>();
    for (Gap g : result.gaps()) {
      byDistrict.computeIfAbsent(g.districtId(), k -> new ArrayList<>()).add(g);
    }
    if (byDistrict.isEmpty()) {
      m.element("p", "No gaps: every resident reaches every required type within its circle.");
      return;
    }
    for (Map.Entry<String, List<Gap>> district : byDistrict.entrySet()) {
      m.element("h3", districtName(district.getKey()));
      m.open("div", "class", "scroll");
      m.open("table", "class", "gaps", "data-district", district.getKey());
      m.open("thead").open("tr");
      m.element("th", "Facility type").element("th", "Communities lacking", "class", "n")
          .element("th", "Residents affected", "class", "n");
      m.close("tr").close("thead").open("tbody");
      for (Gap g : district.getValue()) {
        m.open("tr");
        m.element("td", typeName(g.typeCode()));
        m.element("td", g.communities().size(), "class", "n");
        m.element("td", String.format(Locale.ROOT, "%,d", g.residentsAffected()), "class", "n");
        m.close("tr");
      }
      m.close("tbody").close("table").close("div");
    }
  }

  private void sitesTable(Markup m) {
    m.element("h2", "Recommended sites 建议选址", "id", "sites");
    if (plans.isEmpty()) {
      m.element("p", "No sites recommended: no facility type was chosen for siting.");
      return;
    }
    m.element("p", "Chosen greedily from a square grid of candidate sites to bring the most "
        + "residents not yet served within each type's required circle.", "class", "muted");
    m.open("div", "class", "scroll");
    m.open("table", "id", "sites-table");
    m.open("thead").open("tr");
    m.element("th", "Facility type").element("th", "Step", "class", "n")
        .element("th", "Latitude", "class", "n").element("th", "Longitude", "class", "n")
        .element("th", "Newly covered", "class", "n").element("th", "Total covered", "class", "n")
        .element("th", "Uncovered before", "class", "n");
    m.close("tr").close("thead").open("tbody");
    for (SitingPlan plan : plans) {
      for (int s = 0; s < plan.steps().size(); s++) {
        SitingPlan.Step step = plan.steps().get(s);
        m.open("tr");
        m.element("td", typeName(plan.typeCode()) + String.format(Locale.ROOT, " (%.0f m)",
            plan.radiusMetres()));
        m.element("td", s + 1, "class", "n");
        m.element("td", String.format(Locale.ROOT, "%.5f", step.site().lat()), "class", "n");
        m.element("td", String.format(Locale.ROOT, "%.5f", step.site().lon()), "class", "n");
        m.element("td", String.format(Locale.ROOT, "%,.0f", step.newlyCovered()), "class", "n");
        m.element("td", String.format(Locale.ROOT, "%,.0f", step.totalCovered()), "class", "n");
        m.element("td", String.format(Locale.ROOT, "%,.0f", plan.residentsUncovered()),
            "class", "n");
        m.close("tr");
      }
    }
    m.close("tbody").close("table").close("div");
  }

  private String districtName(String id) {
    District d = districts.get(id);
    return d == null ? id : d.name().toString();
  }

  private String typeName(String code) {
    return taxonomy.type(code).map(t -> t.name().toString()).orElse(code);
  }

  private String categoryName(String code) {
    return taxonomy.category(code).map(c -> c.name().display()).orElse(code);
  }

  private static String siteColour(int i) {
    return SITE_COLOURS.get(i % SITE_COLOURS.size());
  }

  private static String diamond(double x, double y, double r) {
    return "M" + Markup.num(x) + " " + Markup.num(y - r) + " L" + Markup.num(x + r) + " "
        + Markup.num(y) + " L" + Markup.num(x) + " " + Markup.num(y + r) + " L" + Markup.num(x - r)
        + " " + Markup.num(y) + " Z";
  }
}
