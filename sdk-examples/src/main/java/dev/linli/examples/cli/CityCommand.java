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

    @Option(names = "--bom", description = "Start the CSV files with a UTF-8 byte-order mark, "
        + "for Excel on Chinese Windows (which otherwise reads them as GBK).")
    boolean bom;

    @Option(names = "--force", description = "Write even if --out already holds data files "
        + "(.csv, .geojson, .json, .jsonl); the four files are replaced.")
    boolean force;

    @Override
    public Integer call() throws IOException {
      if (!force && Files.isDirectory(out)) {
        java.util.List<String> data;
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
          data = files.map(f -> f.getFileName().toString()).filter(f -> f.matches(
              "(?i).*\\.(csv|geojson|json|jsonl)")).sorted().toList();
        }
        if (!data.isEmpty()) {
          throw new dev.linli.core.InvalidValueException("--out", out.toString(), "holds data"
              + " files (" + String.join(", ", data.subList(0, Math.min(5, data.size())))
              + (data.size() > 5 ? ", …" : "") + "); choose an empty directory, or add --force"
              + " to write the generated city next to them (replacing files of the same name)");
        }
      }
      City city = SyntheticCity.builder().seed(seed).communities(communities)
          .facilities(facilities).build().generate();
      Files.createDirectories(out);
      CirclesCommand.csv(out.resolve("communities.csv"), bom,
          w -> CityCsv.strict().writeCommunities(city, w));
      CirclesCommand.csv(out.resolve("facilities.csv"), bom,
          w -> CityCsv.strict().writeFacilities(city.facilities(), w));
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
