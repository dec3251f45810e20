package dev.linli.examples.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The line each record of an already validated data file starts on (a CSV data row or a GeoJSON
 * feature), in the order the SDK's readers return the records, so that a problem found across files
 * (a facility pointing at a community that is not there) can name the file and line.
 */
final class RecordLines {
  private RecordLines() {}

  /**
   * Returns the first line of every record of {@code file}.
   *
   * @param file a CSV file with a header, or a GeoJSON FeatureCollection
   * @return line numbers (1-based), one per record
   * @throws IOException if the file cannot be read
   */
  static List<Long> of(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".geojson") || name.endsWith(".json") ? geoJson(file) : csv(file);
  }

  private static List<Long> csv(Path file) throws IOException {
    CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY)
        .enable(CsvParser.Feature.SKIP_EMPTY_LINES).build();
    List<Long> lines = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(reader)) {
      if (rows.hasNextValue()) {
        rows.nextValue(); // the header
      }
      while (true) {
        long line = rows.getCurrentLocation().getLineNr();
        if (!rows.hasNextValue()) {
          return lines;
        }
        rows.nextValue();
        lines.add(Math.max(line, rows.getParser().currentTokenLocation().getLineNr()));
      }
    }
  }

  private static List<Long> geoJson(Path file) throws IOException {
    List<Long> lines = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = new ObjectMapper().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return lines;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken token = p.nextToken();
        if (field.equals("features") && token == JsonToken.START_ARRAY) {
          while (p.nextToken() != JsonToken.END_ARRAY) {
            lines.add((long) p.currentTokenLocation().getLineNr());
            p.skipChildren();
          }
        } else {
          p.skipChildren();
        }
      }
    }
    return lines;
  }
}
