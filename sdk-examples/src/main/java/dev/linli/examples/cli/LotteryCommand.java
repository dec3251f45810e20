package dev.linli.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.InvalidValueException;
import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.internal.JsonDocuments;
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
    JsonNode ballot;
    try (InputStream in = Files.newInputStream(config)) {
      ballot = JsonDocuments.fields(JsonDocuments.readTree(in, config.toString()),
          config.toString(), "linli-ballot");
    }
    List<Lottery.Entry> entries = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<JsonDocuments.Line> lines;
    try (InputStream in = Files.newInputStream(requests)) {
      lines = JsonDocuments.readLines(in, requests.toString());
    }
    List<Problem> ballotProblems = new ArrayList<>();
    JsonDocuments.unknownFields(ballot, "$", Set.of("ballotId", "places"), config.toString(),
        ballotProblems);
    if (!ballotProblems.isEmpty()) {
      throw new DataFormatException(ballotProblems);
    }
    for (JsonDocuments.Line line : lines) {
      JsonNode n = line.value();
      int before = problems.size();
      JsonDocuments.unknownFields(n, "$", Set.of("resident", "household", "recentWins"),
          requests.toString(), problems);
      for (int i = before; i < problems.size(); i++) {
        Problem p = problems.get(i);
        problems.set(i, new Problem(p.source(), line.number(), p.path(), p.message()));
      }
      try {
        entries.add(new Lottery.Entry(n.path("resident").asText(null),
            n.path("household").asText(null), JsonDocuments.intField(n, "recentWins", 0)));
      } catch (InvalidValueException e) {
        problems.add(new Problem(requests.toString(), line.number(), "$." + e.field(), e.allowed()
            + " (got " + e.value() + ")"));
      }
    }
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    Lottery.Draw d = Lottery.draw(ballot.path("ballotId").asText(), JsonDocuments.intField(ballot, "places", 0),
        entries, seed);
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
}
