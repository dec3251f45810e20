package dev.linli.examples.cli;

import dev.linli.core.circle.CommunityProfile;
import dev.linli.core.circle.HealthCheck;
import dev.linli.core.circle.HealthCheckResult;
import dev.linli.core.circle.Siting;
import dev.linli.core.circle.SitingPlan;
import dev.linli.core.city.City;
import dev.linli.core.city.SyntheticCity;
import dev.linli.core.facility.Facility;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.io.LinliJson;
import dev.linli.core.place.Community;
import dev.linli.core.place.District;
import dev.linli.core.place.NeighbourhoodCentre;
import dev.linli.core.place.Subdistrict;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code linli demo}: a tour of the bundled sample data. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"A narrated day at 景芳 on bundled data: bookings under the centre's rules on a "
        + "make-up workday, a dance class with its waitlist, the banquet hall with approval and refunds, a volunteer's award and redemption, and the health check of a "
        + "synthetic Hangzhou with its bottom 10%% and three siting recommendations."})
final class DemoCommand implements Callable<Integer> {
  /** Where the sample city lives on the class path. */
  static final String SAMPLE = "/sample/hangzhou-seed/city.json";

  @Spec CommandSpec spec;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the synthetic city (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json",
      description = "Print the same as JSON lines: one object per sentence or table row.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    Narration out = new Narration(spec.commandLine().getOut(), json);
    City sample = loadSample();
    out.println("Linli (邻里) demo: a day at 景芳 future community, Saturday 2026-02-14, a make-up\n"
        + "workday (调休) before the Spring Festival. Bundled sample data; locations approximate.");
    out.println();
    out.section("communities");
    communities(out, sample);
    out.section("centres");
    centres(out, sample);
    out.section("bookings");
    new DemoDay(out).bookings();
    out.section("classes-and-banquet");
    new DemoDay(out).classesAndBanquet();
    out.section("volunteering");
    new DemoDay(out).volunteering();
    out.section("city");
    syntheticCity(out);
    out.flush();
    return 0;
  }

  static City loadSample() throws IOException {
    try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IOException("the sample data is missing from the jar: " + SAMPLE);
      }
      return LinliJson.strict().readCity(in, "city.json").value();
    }
  }

  private static void communities(Narration out, City city) {
    Map<String, Subdistrict> subs = byId(city.subdistricts(), Subdistrict::id);
    Map<String, District> districts = byId(city.districts(), District::id);
    Map<String, Long> facilities = city.facilities().stream().filter(f -> f.communityId() != null)
        .collect(Collectors.groupingBy(Facility::communityId, Collectors.counting()));
    TextTable table = new TextTable("community", "subdistrict", "district", ">residents", ">60+",
        ">facilities", "tags");
    for (Community c : city.communities()) {
      Subdistrict s = subs.get(c.subdistrictId());
      table.row(c.name().zh(), s.name().zh(), districts.get(s.districtId()).name().zh(),
          c.population().total(), percent(c.population().elderly(), c.population().total()),
          facilities.getOrDefault(c.id(), 0L), String.join(" ", c.tags()));
    }
    out.println("Communities (" + city.communities().size() + ")");
    out.table("communities", table);
    out.println();
  }

  private static void centres(Narration out, City city) {
    FacilityTaxonomy taxonomy = FacilityTaxonomy.hangzhou();
    for (NeighbourhoodCentre centre : city.centres()) {
      out.println("Neighbourhood centre " + centre.name());
      TextTable table = new TextTable("facility", "type", ">capacity", "opening hours");
      for (Facility f : city.facilitiesAt(centre.id())) {
        var type = taxonomy.type(f.typeCode()).orElseThrow();
        table.row(f.name().zh(), type.name().zh() + (type.key() ? "" : " (not scored)"),
            f.capacity() + " " + type.capacityUnit(), f.openingHours());
      }
      out.table("facilities", table);
      out.println();
    }
  }

  private void syntheticCity(Narration out) {
    long start = System.nanoTime();
    City city = SyntheticCity.builder().seed(seed).build().generate();
    long millis = (System.nanoTime() - start) / 1_000_000;
    Map<String, String> districtOf = city.districtOfCommunity();
    Map<String, int[]> stats = new HashMap<>();
    for (Community c : city.communities()) {
      int[] s = stats.computeIfAbsent(districtOf.get(c.id()), k -> new int[3]);
      s[0]++;
      s[1] += c.population().total();
    }
    for (Facility f : city.facilities()) {
      stats.get(districtOf.get(f.communityId()))[2]++;
    }
    out.printf(Locale.ROOT, "Synthetic city (seed %d, generated in %d ms): %d communities, "
        + "%d facilities%n", seed, millis, city.communities().size(), city.facilities().size());
    TextTable table = new TextTable("district", ">communities", ">residents", ">facilities",
        ">per 1,000 residents");
    for (District d : city.districts()) {
      int[] s = stats.get(d.id());
      table.row(d.name().zh() + " " + d.name().en(), s[0], s[1], s[2],
          String.format(Locale.ROOT, "%.2f", 1000.0 * s[2] / s[1]));
    }
    out.table("districts", table);
    out.println();
    out.section("health-check");
    healthCheck(out, city);
  }

  private static void healthCheck(Narration out, City city) {
    long start = System.nanoTime();
    HealthCheckResult result = HealthCheck.builder().build().run(city);
    long millis = (System.nanoTime() - start) / 1_000_000;
    out.printf(Locale.ROOT, "City health check (体检): %d communities scored in %d ms; bottom %d "
        + "(10%%) go into gap filling (补短板). The five lowest:%n", result.profiles().size(),
        millis, result.bottom().size());
    TextTable lowest = new TextTable(">rank", "community", ">index", "first reason");
    for (CommunityProfile p : result.bottom().subList(0, Math.min(5, result.bottom().size()))) {
      lowest.row(p.rank(), p.name().zh(), String.format(Locale.ROOT, "%.1f", p.index()),
          p.reasons().isEmpty() ? "" : p.reasons().get(0));
    }
    out.table("bottom", lowest);
    out.println();
    String type = "community-canteen";
    SitingPlan plan = Siting.greedy(result, type, Siting.gridCandidates(city, 400), 3);
    out.printf(Locale.ROOT, "Three new community canteens (社区食堂), sited greedily on a 400 m grid, "
        + "bring %.0f more residents within 300 m:%n", plan.covered());
    TextTable sites = new TextTable(">step", ">lat", ">lon", ">newly covered");
    int step = 1;
    for (SitingPlan.Step s : plan.steps()) {
      sites.row(step++, String.format(Locale.ROOT, "%.5f", s.site().lat()),
          String.format(Locale.ROOT, "%.5f", s.site().lon()),
          String.format(Locale.ROOT, "%.0f", s.newlyCovered()));
    }
    out.table("sites", sites);
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
  }

  private static <T> Map<String, T> byId(List<T> values, Function<T, String> id) {
    return values.stream().collect(Collectors.toMap(id, Function.identity()));
  }
}
