package dev.linli.core.bench;

import dev.linli.core.city.City;
import dev.linli.core.city.SyntheticCity;
import dev.linli.core.facility.Facility;
import dev.linli.core.geo.SpatialIndex;
import dev.linli.core.io.CityCsv;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading the Hangzhou-scale city's 35,000 facilities from CSV (and building the spatial index on
 * them), side by side with a naive
 * split-on-comma parser that builds the same records without any checks (the obvious alternative a
 * team writes first, which breaks on quoted commas and reports nothing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CityLoadBenchmark {
  Path facilitiesCsv;

  @Setup(Level.Trial)
  public void writeCity() throws IOException {
    City city = SyntheticCity.builder().seed(42).build().generate();
    facilitiesCsv = Files.createTempFile("linli-bench-facilities", ".csv");
    StringWriter out = new StringWriter();
    CityCsv.strict().writeFacilities(city.facilities(), out);
    Files.writeString(facilitiesCsv, out.toString(), StandardCharsets.UTF_8);
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    Files.deleteIfExists(facilitiesCsv);
  }

  /** Linli's strict reader: UTF-8 check, header check, every field validated, taxonomy checked. */
  @Benchmark
  public List<Facility> linliCsvReader() {
    return CityCsv.strict().readFacilities(facilitiesCsv).value();
  }

  /** The target: load the 35,000 facilities and build the spatial index, together. */
  @Benchmark
  public SpatialIndex<Facility> linliCsvReaderPlusIndex() {
    return SpatialIndex.of(CityCsv.strict().readFacilities(facilitiesCsv).value(),
        Facility::location);
  }

  /** The naive alternative: split lines on commas, parse numbers, no validation or messages. */
  @Benchmark
  public List<String[]> naiveSplitParser() throws IOException {
    List<String> lines = Files.readAllLines(facilitiesCsv, StandardCharsets.UTF_8);
    List<String[]> rows = new ArrayList<>(lines.size());
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      Double.parseDouble(cells[4]);
      Double.parseDouble(cells[5]);
      rows.add(cells);
    }
    return rows;
  }
}
