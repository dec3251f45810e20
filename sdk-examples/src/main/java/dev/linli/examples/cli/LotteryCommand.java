package dev.linli.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.io.StrictJson;
import dev.linli.scheduling.lottery.Lottery;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code linli booking lottery}: draw a ballot and print the auditable record. */
@Command(name = "lottery", mixinStandardHelpOptions = true,
    description = {"Draw a ballot (摇号) with a published seed and print the draw as JSON: the "
        + "algorithm, every entry's number and key, the winners and the reserve list. Anyone "
        + "with the same files and seed gets the same result."})
final class LotteryCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", required = true,
      description = "Ballot JSON: {\"format\": \"linli-ballot\", \"version\": 1, \"ballotId\": "
          + "\"stage-0101\", \"places\": 3}.")
  Path config;

  @Option(names = "--requests", required = true,
      description = "JSON lines, one entry each: {\"resident\", \"household\", \"recentWins\"}.")
  Path requests;

  @Option(names = "--seed", required = true, description = "The published seed.")
  long seed;

  @Override
  public Integer call() throws IOException {
    Ballot ballot = readBallot(config);
    List<Lottery.Entry> entries = readEntries(requests);
    Lottery.Draw d = Lottery.draw(ballot.ballotId(), ballot.places(), entries, seed);
    ObjectNode out = JSON.createObjectNode();
    out.put("ballotId", d.ballotId());
    out.put("seed", d.seed());
    out.put("places", d.places());
    out.put("algorithm", d.algorithm());
    out.putPOJO("winners", d.winners());
    out.putPOJO("reserve", d.reserve());
    ArrayNode ranking = out.putArray("ranking");
    for (Lottery.Ranked r : d.ranking()) {
      ObjectNode o = ranking.addObject();
      o.put("resident", r.entry().residentId());
      o.put("household", r.entry().householdId());
      o.put("recentWins", r.entry().recentWins());
      o.put("u", r.u());
      o.put("key", r.key());
      o.put("won", r.won());
    }
    spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter()
        .writeValueAsString(out));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** A ballot document ({@code "format": "linli-ballot"}): its id and how many places it draws. */
  record Ballot(String ballotId, int places) {}

  /**
   * Reads a ballot document strictly: {@code format}, {@code version}, {@code ballotId} (an id),
   * {@code places} (a whole number from 0 to 2147483647) and an optional {@code comment}, nothing
   * else.
   *
   * @param file the ballot file
   * @return the ballot
   * @throws IOException if the file cannot be read
   * @throws DataFormatException naming file, line and field of every problem
   */
  static Ballot readBallot(Path file) throws IOException {
    String source = file.toString();
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = StrictJson.versioned(StrictJson.readTree(in, source), source, "linli-ballot");
    }
    List<Problem> problems = new ArrayList<>();
    problems.addAll(StrictJson.unknownFields(root, BALLOT_FIELDS, source, 0));
    String ballotId = id(root, "ballotId", source, 0, problems);
    int places = whole(root, "places", null, source, 0, problems);
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    return new Ballot(ballotId, places);
  }

  /**
   * Reads ballot entries, one JSON object per non-blank line: {@code resident} and
   * {@code household} (ids) and optional {@code recentWins} (a whole number {@code >= 0}); a
   * resident enters once.
   *
   * @param file the JSON-lines file
   * @return the entries in file order
   * @throws IOException if the file cannot be read
   * @throws DataFormatException naming file, line and field of every problem
   */
  static List<Lottery.Entry> readEntries(Path file) throws IOException {
    String source = file.toString();
    List<Lottery.Entry> entries = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    java.util.Map<String, Long> seen = new java.util.HashMap<>();
    List<StrictJson.Line> lines;
    try (InputStream in = Files.newInputStream(file)) {
      lines = StrictJson.readLines(in, source);
    }
    for (StrictJson.Line line : lines) {
      long n = line.number();
      JsonNode e = line.value();
      if (!e.isObject()) {
        problems.add(new Problem(source, n, "$", "must be a JSON object {\"resident\", "
            + "\"household\", \"recentWins\"}"));
        continue;
      }
      List<Problem> here = new ArrayList<>();
      here.addAll(StrictJson.unknownFields(e, ENTRY_FIELDS, source, n));
      String resident = id(e, "resident", source, n, here);
      String household = id(e, "household", source, n, here);
      int wins = whole(e, "recentWins", 0, source, n, here);
      if (here.isEmpty()) {
        Long first = seen.putIfAbsent(resident, n);
        if (first != null) {
          here.add(new Problem(source, n, "$.resident", "each resident enters a ballot once; "
              + "already entered on line " + first + " (got " + resident + ")"));
        } else {
          entries.add(new Lottery.Entry(resident, household, wins));
        }
      }
      problems.addAll(here);
    }
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    return entries;
  }

  private static final java.util.Set<String> BALLOT_FIELDS =
      java.util.Set.of("ballotId", "places");
  private static final java.util.Set<String> ENTRY_FIELDS =
      java.util.Set.of("resident", "household", "recentWins");

  private static String id(JsonNode node, String field, String source, long line,
      List<Problem> problems) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || !dev.linli.core.Id.isValid(v.asText())) {
      problems.add(new Problem(source, line, "$." + field, "must be an id: " + dev.linli.core.Id.RULE
          + " (got " + (v == null ? "nothing" : v) + ")"));
      return null;
    }
    return v.asText();
  }

  private static int whole(JsonNode node, String field, Integer absent, String source, long line,
      List<Problem> problems) {
    JsonNode v = node.get(field);
    if (v == null && absent != null) {
      return absent;
    }
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
      problems.add(new Problem(source, line, "$." + field, "must be a whole number from 0 to "
          + Integer.MAX_VALUE + " (got " + (v == null ? "nothing" : v) + ")"));
      return 0;
    }
    return v.asInt();
  }
}
