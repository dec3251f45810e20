package dev.linli.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linli.core.city.City;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.io.CityCsv;
import dev.linli.core.io.CityGeoJson;
import dev.linli.core.DataFormatException;
import dev.linli.core.io.LinliJson;
import dev.linli.core.Problem;
import dev.linli.core.internal.JsonDocuments;
import dev.linli.core.io.ReadOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code linli validate}: checks files and prints every problem. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check Linli data files and print every problem found.",
        "Recognises a city or taxonomy JSON document (by its \"format\"), communities, facilities "
            + "and residents CSV (by header), and communities or facilities GeoJSON (by properties).",
        "Exit code 0 if every file is valid, 2 if any is not (problems on standard error)."})
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to check.")
  List<Path> files;

  @Option(names = "--taxonomy", paramLabel = "FILE",
      description = "Facility taxonomy JSON to check facility types against (default: Hangzhou's).")
  Path taxonomy;

  @Option(names = "--lenient", description = "Ignore unknown fields and columns.")
  boolean lenient;

  @Override
  public Integer call() throws IOException {
    ReadOptions options = ReadOptions.strict();
    if (taxonomy != null) {
      try (InputStream in = Files.newInputStream(taxonomy)) {
        options = options.withTaxonomy(LinliJson.strict().readTaxonomy(in,
            taxonomy.getFileName().toString()));
      }
    }
    if (lenient) {
      options = options.lenient();
    }
    int bad = 0;
    for (Path file : files) {
      try {
        spec.commandLine().getOut().println(file + ": ok, " + check(file, options));
      } catch (DataFormatException e) {
        bad++;
        for (Problem p : e.problems()) {
          spec.commandLine().getErr().println(p);
        }
      } catch (FileSystemException e) {
        bad++;
        spec.commandLine().getErr().println(BadInputHandler.describe(e));
      }
    }
    spec.commandLine().getOut().flush();
    spec.commandLine().getErr().flush();
    return bad == 0 ? 0 : LinliCommand.EXIT_BAD_INPUT;
  }

  private static String check(Path file, ReadOptions options) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String source = file.getFileName().toString();
    if (name.endsWith(".csv")) {
      String header;
      try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
        header = String.valueOf(r.readLine());
      }
      try (InputStream in = Files.newInputStream(file)) {
        if (header.contains("subdistrict_id")) {
          return describe(CityCsv.of(options).readCommunities(in, source).value());
        } else if (header.contains("household_id")) {
          return CityCsv.of(options).readResidents(in, source).value().size() + " residents";
        } else if (header.contains("type")) {
          return CityCsv.of(options).readFacilities(in, source).value().size() + " facilities";
        }
      }
      throw unknown(source, "a CSV file whose header has subdistrict_id (communities), type "
          + "(facilities) or household_id (residents)");
    }
    JsonNode root = peek(file, source);
    try (InputStream in = Files.newInputStream(file)) {
      String format = root.path("format").asText("");
      if (format.equals(LinliJson.CITY_FORMAT)) {
        return describe(LinliJson.of(options).readCity(in, source).value());
      } else if (format.equals(LinliJson.TAXONOMY_FORMAT)) {
        FacilityTaxonomy t = LinliJson.of(options).readTaxonomy(in, source);
        return t.categories().size() + " categories, " + t.types().size() + " facility types";
      } else if (root.path("type").asText("").equals("FeatureCollection")) {
        JsonNode props = root.path("features").path(0).path("properties");
        if (props.has("subdistrict_id")) {
          return describe(CityGeoJson.of(options).readCommunities(in, source).value());
        }
        return CityGeoJson.of(options).readFacilities(in, source).value().size() + " facilities";
      }
    }
    throw unknown(source, "a JSON document with \"format\": \"" + LinliJson.CITY_FORMAT + "\" or \""
        + LinliJson.TAXONOMY_FORMAT + "\", or a GeoJSON FeatureCollection");
  }

  private static JsonNode peek(Path file, String source) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return JsonDocuments.readTree(in, source);
    }
  }

  private static DataFormatException unknown(String source, String expected) {
    return new DataFormatException(List.of(new Problem(source, 0, "",
        "is not a file Linli reads; expected " + expected)));
  }

  private static String describe(City city) {
    return city.communities().size() + " communities in " + city.subdistricts().size()
        + " subdistricts and " + city.districts().size() + " districts, "
        + city.facilities().size() + " facilities";
  }
}
