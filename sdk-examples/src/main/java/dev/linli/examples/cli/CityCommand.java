package dev.linli.examples.cli;

import dev.linli.core.city.City;
import dev.linli.core.city.SyntheticCity;
import dev.linli.core.io.CityCsv;
import dev.linli.core.io.CityGeoJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code linli city}: work with whole-city data sets. */
@Command(name = "city", mixinStandardHelpOptions = true,
    description = "Work with whole-city data sets.",
    subcommands = {CityCommand.Generate.class})
final class CityCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code linli city generate}: writes a seeded synthetic city. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = {"Generate a synthetic city at Hangzhou scale and write communities.csv, "
          + "facilities.csv, communities.geojson and facilities.geojson.",
          "The same options always write the same bytes."})
  static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--communities", defaultValue = "1260",
        description = "Number of communities, 1-100000 (default: ${DEFAULT-VALUE}).")
    int communities;

    @Option(names = "--facilities", defaultValue = "35000",
        description = "Exact number of facilities, 0-5000000 (default: ${DEFAULT-VALUE}).")
    int facilities;

    @Option(names = "--out", required = true, description = "Directory to write into (created if missing).")
    Path out;

    @Override
    public Integer call() throws IOException {
      City city = SyntheticCity.builder().seed(seed).communities(communities)
          .facilities(facilities).build().generate();
      Files.createDirectories(out);
      CityCsv.strict().writeCommunities(city, out.resolve("communities.csv"));
      CityCsv.strict().writeFacilities(city.facilities(), out.resolve("facilities.csv"));
      CityGeoJson.strict().writeCommunities(city, out.resolve("communities.geojson"));
      CityGeoJson.strict().writeFacilities(city.facilities(), out.resolve("facilities.geojson"));
      spec.commandLine().getOut().printf(java.util.Locale.ROOT,
          "wrote %d districts, %d subdistricts, %d communities and %d facilities to %s%n",
          city.districts().size(), city.subdistricts().size(), city.communities().size(),
          city.facilities().size(), out);
      return 0;
    }
  }
}
