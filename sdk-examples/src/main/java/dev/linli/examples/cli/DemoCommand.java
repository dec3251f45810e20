package dev.linli.examples.cli;

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
import java.io.PrintWriter;
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
    description = {"Tour the bundled Hangzhou sample: the communities named in the source articles, "
        + "their neighbourhood centres, and a synthetic city at Hangzhou scale."})
final class DemoCommand implements Callable<Integer> {
  /** Where the sample city lives on the class path. */
  static final String SAMPLE = "/sample/hangzhou-seed/city.json";

  @Spec CommandSpec spec;

  @Option(names = "--seed", defaultValue = "42",
      description = "Seed of the synthetic city (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    City sample = loadSample();
    out.println("Linli (邻里) demo: the bundled Hangzhou sample. Locations are approximate.");
    out.println();
    communities(out, sample);
    centres(out, sample);
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

  private static void communities(PrintWriter out, City city) {
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
    out.print(table.render());
    out.println();
  }

  private static void centres(PrintWriter out, City city) {
    FacilityTaxonomy taxonomy = FacilityTaxonomy.hangzhou();
    for (NeighbourhoodCentre centre : city.centres()) {
      out.println("Neighbourhood centre " + centre.name());
      TextTable table = new TextTable("facility", "type", ">capacity", "opening hours");
      for (Facility f : city.facilitiesAt(centre.id())) {
        var type = taxonomy.type(f.typeCode()).orElseThrow();
        table.row(f.name().zh(), type.name().zh() + (type.key() ? "" : " (not scored)"),
            f.capacity() + " " + type.capacityUnit(), f.openingHours());
      }
      out.print(table.render());
      out.println();
    }
  }

  private void syntheticCity(PrintWriter out) {
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
    out.print(table.render());
  }

  private static String percent(int part, int whole) {
    return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
  }

  private static <T> Map<String, T> byId(List<T> values, Function<T, String> id) {
    return values.stream().collect(Collectors.toMap(id, Function.identity()));
  }
}
