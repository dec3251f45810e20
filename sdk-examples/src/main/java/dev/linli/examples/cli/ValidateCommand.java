package dev.linli.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linli.core.city.City;
import dev.linli.core.facility.FacilityTaxonomy;
import dev.linli.core.io.CityCsv;
import dev.linli.core.io.CityGeoJson;
import dev.linli.core.DataFormatException;
import dev.linli.core.io.LinliJson;
import dev.linli.core.Problem;
import dev.linli.core.io.StrictJson;
import dev.linli.core.io.ReadOptions;
import dev.linli.core.circle.CircleStandard;
import dev.linli.core.circle.StarRating;
import dev.linli.core.circle.IndexWeights;
import dev.linli.points.timebank.Catalogue;
import dev.linli.points.timebank.EarningRules;
import dev.linli.points.timebank.MemberLimits;
import dev.linli.scheduling.engine.BookingConfig;
import dev.linli.scheduling.rule.RuleSet;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        "Recognises every linli-* JSON document by its \"format\" (city, facility taxonomy, circle "
            + "standard, index weights, earning rules, member limits, catalogue, booking rules, "
            + "booking config, ballot), JSON-lines files (.jsonl) of booking requests or ballot "
            + "entries, communities, facilities and residents CSV (by header), and communities or "
            + "facilities GeoJSON (by properties).",
        "Each problem is printed as FILE:LINE: FIELD: what is wrong; the JSON Schemas of the "
            + "documents are in docs/schemas and in the jars under META-INF/linli/schemas.",
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
    if (name.endsWith(".jsonl")) {
      return checkLines(file, source);
    }
    byte[] bytes = Files.readAllBytes(file);
    JsonNode root = peek(bytes, source);
    String format = root.path("format").asText("");
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      try {
        String what = checkDocument(format, in, source, file, options);
        if (what != null) {
          return what;
        }
      } catch (DataFormatException e) {
        throw located(e, source, file.toString(), bytes);
      }
      if (root.path("type").asText("").equals("FeatureCollection")) {
        JsonNode props = root.path("features").path(0).path("properties");
        if (props.has("subdistrict_id")) {
          return describe(CityGeoJson.of(options).readCommunities(in, source).value());
        }
        return CityGeoJson.of(options).readFacilities(in, source).value().size() + " facilities";
      }
    }
    throw unknown(source, "a JSON document with \"format\" one of " + FORMATS
        + ", a GeoJSON FeatureCollection, or a .jsonl file of booking requests or ballot entries");
  }

  /** The {@code format} of a ballot document ({@code linli booking lottery --config}). */
  static final String BALLOT_FORMAT = "linli-ballot";

  /** Every {@code linli-*} document kind this command reads. */
  static final List<String> FORMATS = List.of(LinliJson.CITY_FORMAT, LinliJson.TAXONOMY_FORMAT,
      CircleStandard.FORMAT, StarRating.FORMAT, IndexWeights.FORMAT, EarningRules.FORMAT, MemberLimits.FORMAT,
      Catalogue.FORMAT, RuleSet.FORMAT, BookingConfig.FORMAT, BALLOT_FORMAT);

  /**
   * Reads one {@code linli-*} document with the reader the SDK uses for it.
   *
   * @return what was read, or null if {@code format} is not a Linli document kind
   */
  private static String checkDocument(String format, InputStream in, String source, Path file,
      ReadOptions options) throws IOException {
    switch (format) {
      case LinliJson.CITY_FORMAT:
        return describe(LinliJson.of(options).readCity(in, source).value());
      case LinliJson.TAXONOMY_FORMAT: {
        FacilityTaxonomy t = LinliJson.of(options).readTaxonomy(in, source);
        return t.categories().size() + " categories, " + t.types().size() + " facility types";
      }
      case CircleStandard.FORMAT: {
        CircleStandard s = CircleStandard.parse(in, source);
        return "circle standard " + s.id() + ", " + s.levels().size() + " levels, "
            + s.requiredTypes().size() + " required types";
      }
      case StarRating.FORMAT: {
        StarRating r = StarRating.parse(in, source);
        return "star rating " + r.id() + ", " + r.stars().size() + " stars, " + r.colours().size()
            + " colours";
      }
      case IndexWeights.FORMAT:
        return "index weights " + IndexWeights.parse(in, source).id();
      case EarningRules.FORMAT:
        return "earning rules, " + EarningRules.parse(in, source).pointsPerHour()
            + " points per hour";
      case MemberLimits.FORMAT:
        MemberLimits.parse(in, source);
        return "member limits";
      case Catalogue.FORMAT:
        return "catalogue, " + Catalogue.parse(in, source).size() + " items";
      case RuleSet.FORMAT:
        return "booking rules, " + RuleSet.parse(in, source).rules().size() + " rules";
      case BookingConfig.FORMAT: {
        BookingConfig c = BookingConfig.parse(in, source);
        return "booking config, " + c.resources().size() + " resources, " + c.rules().size()
            + " rule sets, " + c.residents().size() + " residents";
      }
      case BALLOT_FORMAT: {
        LotteryCommand.Ballot b = LotteryCommand.readBallot(file);
        return "ballot " + b.ballotId() + ", " + b.places() + " places";
      }
      default:
        return null;
    }
  }

  /** A JSON-lines file: booking requests (lines with {@code "op"}) or ballot entries. */
  private static String checkLines(Path file, String source) throws IOException {
    JsonNode first = null;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String text = line.replace("\uFEFF", "");
      if (!text.isBlank()) {
        try {
          first = new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          first = null;
        }
        break;
      }
    }
    if (first != null && first.isObject() && !first.has("op") && first.has("resident")) {
      return LotteryCommand.readEntries(file).size() + " ballot entries";
    }
    BookingCommand.Run run = new BookingCommand.Run();
    run.requests = file;
    run.zone = java.time.ZoneId.of("Asia/Shanghai");
    return run.read().size() + " booking requests";
  }

  /**
   * Gives a line to the problems a reader reported without one (the readers of small documents
   * name only the JSON path), by finding that path in the file.
   */
  private static DataFormatException located(DataFormatException e, String source, String full,
      byte[] bytes) {
    Map<String, Long> lines = null;
    List<Problem> out = new ArrayList<>();
    for (Problem p : e.problems()) {
      String prefix = p.source().equals(source) || p.source().equals(full) ? "$"
          : p.source().startsWith(full + " $") ? p.source().substring(full.length() + 1)
          : p.source().startsWith(source + " $") ? p.source().substring(source.length() + 1)
          : null;
      if (p.line() > 0 || prefix == null || !p.path().startsWith("$")) {
        out.add(p);
        continue;
      }
      if (lines == null) {
        lines = JsonPaths.lines(bytes);
      }
      String path = prefix + p.path().substring(1);
      out.add(new Problem(source, JsonPaths.lineOf(lines, path), path, p.message()));
    }
    return new DataFormatException(out);
  }

  private static JsonNode peek(byte[] bytes, String source) {
    return StrictJson.readTree(new ByteArrayInputStream(bytes), source);
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
