package dev.linli.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.linli.core.DataFormatException;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Problem;
import dev.linli.core.geo.GeoPoint;
import dev.linli.core.internal.RowCodec.Column;
import dev.linli.core.internal.RowCodec.Kind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes flat records as CSV and as GeoJSON FeatureCollections, collecting all problems. */
public final class Tables {
  private static final String NOT_UTF8 = JsonDocuments.NOT_UTF8;

  private Tables() {}

  /**
   * How strictly a table is read.
   *
   * @param ignoreUnknown whether unknown columns or properties are ignored
   * @param skipBad whether bad rows are left out (and reported) instead of failing the read
   */
  public record Strictness(boolean ignoreUnknown, boolean skipBad) {}

  /**
   * The rows read, and the problems of the rows left out.
   *
   * @param rows the records, in file order
   * @param skipped what was wrong with each row left out
   * @param <T> the record type
   */
  public record Rows<T>(List<T> rows, List<Problem> skipped) {}

  /**
   * Reads a CSV file with a header row.
   *
   * @param in UTF-8 bytes, optionally with a byte-order mark; not closed
   * @param source file name for messages
   * @param codec the record mapping
   * @param options strictness
   * @param <T> the record type
   * @return the records, and the problems of rows left out
   * @throws DataFormatException listing every problem, unless bad rows are skipped
   */
  public static <T> Rows<T> readCsv(InputStream in, String source, RowCodec<T> codec,
      Strictness options) {
    List<Problem> fatal = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<T> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    try (Reader reader = utf8(in); CsvRows rows = new CsvRows(reader)) {
      String[] header = rows.next();
      if (header == null) {
        fatal.add(new Problem(source, 1, "", "the file is empty; the first line must be the header "
            + names(codec.columns())));
        throw new DataFormatException(fatal);
      }
      if (header.length > 0 && header[0].startsWith("\uFEFF")) {
        header[0] = header[0].substring(1);
      }
      checkHeader(header, source, codec, options, fatal);
      if (!fatal.isEmpty()) {
        throw new DataFormatException(fatal);
      }
      Map<String, Integer> columns = new HashMap<>();
      for (int i = 0; i < header.length; i++) {
        columns.put(header[i].strip(), i);
      }
      int width = header.length;
      RowDecoding decoding = new RowDecoding((cells, line) -> {
        if (cells.length != width) {
          problems.add(new Problem(source, line, "", "has " + cells.length
              + " values but the header has " + width + " columns"));
          return;
        }
        readRow(Row.ofCells(columns, cells), source, line, "", codec, ids, out, problems);
      });
      try {
        for (String[] cells = rows.next(); cells != null; cells = rows.next()) {
          decoding.add(cells, rows.line());
        }
      } finally {
        // Every row parsed before a syntax error is decoded and reported, as on one thread.
        decoding.finish();
      }
    } catch (CharacterCodingException e) {
      fatal.add(new Problem(source, 0, "", NOT_UTF8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Bytes that are not UTF-8 past the reader's first buffer fail inside a row, where the
      // parser wraps the decoder's error: the advice about UTF-8, not a CSV syntax message.
      fatal.add(causedByCoding(e) ? new Problem(source, 0, "", NOT_UTF8) : csvProblem(e, source));
    } catch (IOException e) {
      fatal.add(JsonErrors.toProblem(e, source, 0, ""));
    }
    return finish(fatal, problems, out, options);
  }

  /** Whether {@code e} or a cause of it is a decoder's {@link CharacterCodingException}. */
  private static boolean causedByCoding(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof CharacterCodingException) {
        return true;
      }
    }
    return false;
  }

  /** A CSV syntax error in words about CSV (not JSON, not the parser's own terms). */
  private static Problem csvProblem(com.fasterxml.jackson.core.JsonProcessingException e,
      String source) {
    long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
    String original = String.valueOf(e.getOriginalMessage());
    if (original.contains("quote") || original.contains("EOF")) {
      return new Problem(source, line, "", "malformed CSV: a quoted value is not closed before"
          + " this point; every value that starts with \" needs a closing \" (write \"\""
          + " for a quote inside a value)");
    }
    return new Problem(source, line, "", "malformed CSV: a quoted value must be followed by"
        + " a comma or the end of the line; write \"\" for a quote inside a value");
  }

  private static <T> Rows<T> finish(List<Problem> fatal, List<Problem> problems, List<T> out,
      Strictness options) {
    if (!fatal.isEmpty() || (!problems.isEmpty() && !options.skipBad())) {
      List<Problem> all = new ArrayList<>(fatal);
      all.addAll(problems);
      throw new DataFormatException(all);
    }
    return new Rows<>(List.copyOf(out), List.copyOf(problems));
  }

  private static <T> void readRow(Row row, String source, long line, String pathPrefix,
      RowCodec<T> codec, Set<String> ids, List<T> out, List<Problem> problems) {
    try {
      T value = codec.read(row);
      String id = codec.id(value);
      if (!ids.add(id)) {
        problems.add(new Problem(source, line, pathPrefix + "id",
            "id \"" + id + "\" is used twice; ids must be unique in a file"));
        return;
      }
      out.add(value);
    } catch (InvalidValueException e) {
      String column = codec.fieldColumns().getOrDefault(e.field(), e.field());
      problems.add(new Problem(source, line, pathPrefix + column, JsonErrors.describe(e)));
    }
  }

  private static void checkHeader(String[] header, String source, RowCodec<?> codec,
      Strictness options, List<Problem> fatal) {
    Set<String> present = new HashSet<>();
    Set<String> known = new HashSet<>();
    for (Column c : codec.columns()) {
      known.add(c.name());
    }
    for (String h : header) {
      String name = h.strip();
      if (!present.add(name)) {
        fatal.add(new Problem(source, 1, name, "column \"" + name + "\" appears twice in the header"));
      } else if (!known.contains(name) && !options.ignoreUnknown()) {
        fatal.add(new Problem(source, 1, name, "unknown column \"" + name + "\"; columns are "
            + names(codec.columns()) + " (read leniently to ignore unknown columns)"));
      }
    }
    for (Column c : codec.columns()) {
      if (!c.optional() && !present.contains(c.name())) {
        fatal.add(new Problem(source, 1, c.name(), "required column \"" + c.name()
            + "\" is missing from the header; required columns are " + required(codec.columns())));
      }
    }
  }

  private static List<String> names(List<Column> columns) {
    return columns.stream().map(Column::name).toList();
  }

  private static List<String> required(List<Column> columns) {
    return columns.stream().filter(c -> !c.optional()).map(Column::name).toList();
  }

  private static Reader utf8(InputStream in) {
    // Strict decoding: a GBK file must fail loudly, not turn into mojibake.
    return new BufferedReader(new InputStreamReader(NonClosing.input(in),
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)));
  }

  /**
   * Writes records as CSV with a header row, UTF-8, {@code \n} line ends, quoting where needed.
   *
   * @param values the records
   * @param codec the mapping
   * @param writer where to write; flushed, not closed
   * @param <T> the record type
   * @throws IOException if writing fails
   */
  public static <T> void writeCsv(List<T> values, RowCodec<T> codec, Writer writer)
      throws IOException {
    List<List<String>> rows = new ArrayList<>(values.size());
    for (T value : values) {
      rows.add(codec.write(value));
    }
    writeCsvRows(writer, names(codec.columns()), rows);
  }

  /**
   * Writes a header and rows as CSV: UTF-8 text, {@code \n} line ends, quoting only where needed.
   *
   * @param writer where to write; flushed, not closed
   * @param header the column names
   * @param rows the cells of each row
   * @throws IOException if writing fails
   */
  public static void writeCsvRows(Writer writer, List<String> header, List<List<String>> rows)
      throws IOException {
    Csv.write(writer, header, rows);
  }

  /**
   * Reads a GeoJSON FeatureCollection of Point features (RFC 7946: WGS-84, longitude first).
   *
   * @param in UTF-8 bytes; not closed
   * @param source file name for messages
   * @param codec the record mapping; properties are the codec's columns except coordinates
   * @param options strictness
   * @param <T> the record type
   * @return the records, and the problems of features left out
   * @throws DataFormatException listing every problem, unless bad features are skipped
   */
  public static <T> Rows<T> readGeoJson(InputStream in, String source, RowCodec<T> codec,
      Strictness options) {
    List<Problem> fatal = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<T> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, Column> properties = new LinkedHashMap<>();
    for (Column c : codec.columns()) {
      if (c.kind() != Kind.COORDINATE) {
        properties.put(c.name(), c);
      }
    }
    forEachFeature(in, source, (feature, line, path) -> {
      Row row = featureRow(feature, source, line, path, properties, options, problems);
      if (row != null) {
        readRow(row, source, line, path + ".properties.", codec, ids, out, problems);
      }
    }, fatal);
    return finish(fatal, problems, out, options);
  }

  /** Told each feature of a FeatureCollection: the feature, its first line and its JSON path. */
  @FunctionalInterface
  public interface FeatureVisitor {
    /**
     * Takes one feature.
     *
     * @param feature the feature as read (any JSON value: checking it is the visitor's)
     * @param line the line it starts on
     * @param path its JSON path, {@code $.features[i]}
     */
    void feature(JsonNode feature, long line, String path);
  }

  /**
   * Streams a GeoJSON FeatureCollection: each feature is read as a tree on its own (so a city's
   * file is never held whole) and handed to {@code visitor}; what is wrong with the collection
   * itself (a type other than FeatureCollection, no features array, data after it, malformed
   * JSON) is added to {@code problems}.
   *
   * @param in UTF-8 bytes; not closed
   * @param source file name for messages
   * @param visitor told each feature, in file order
   * @param problems where the collection's problems go
   * @throws DataFormatException if the document is not a JSON object at all
   */
  public static void forEachFeature(InputStream in, String source, FeatureVisitor visitor,
      List<Problem> problems) {
    try (JsonParser p = JsonMapping.mapper(true).createParser(NonClosing.input(in))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new DataFormatException(List.of(new Problem(source, 1, "$",
            "a GeoJSON file is an object with \"type\": \"FeatureCollection\"")));
      }
      boolean sawFeatures = false;
      String type = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken token = p.nextToken();
        if (field.equals("type")) {
          type = p.getValueAsString();
        } else if (field.equals("features") && token == JsonToken.START_ARRAY) {
          sawFeatures = true;
          int index = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            long line = p.currentTokenLocation().getLineNr();
            JsonNode feature = JsonMapping.treeReader(true).readValue(p);
            visitor.feature(feature, line, "$.features[" + index++ + "]");
          }
        } else {
          p.skipChildren();
        }
      }
      if (!"FeatureCollection".equals(type)) {
        problems.add(new Problem(source, 1, "$.type",
            "must be \"FeatureCollection\" (got " + (type == null ? "nothing" : type) + ")"));
      }
      if (!sawFeatures) {
        problems.add(new Problem(source, 1, "$.features", "is required and must be an array"));
      }
      Problem trailing = JsonDocuments.trailing(p, source);
      if (trailing != null) {
        problems.add(trailing);
      }
    } catch (IOException e) {
      problems.add(JsonErrors.toProblem(e, source, 0, "$"));
    }
  }

  private static Row featureRow(JsonNode feature, String source, long line, String path,
      Map<String, Column> columns, Strictness options, List<Problem> problems) {
    if (!feature.isObject() || !"Feature".equals(feature.path("type").asText())) {
      problems.add(new Problem(source, line, path + ".type", "must be \"Feature\""));
      return null;
    }
    JsonNode geometry = feature.path("geometry");
    JsonNode coordinates = geometry.path("coordinates");
    if (!"Point".equals(geometry.path("type").asText()) || !coordinates.isArray()
        || coordinates.size() < 2 || !coordinates.get(0).isNumber()
        || !coordinates.get(1).isNumber()) {
      problems.add(new Problem(source, line, path + ".geometry",
          "must be a Point with coordinates [longitude, latitude] in WGS-84 (RFC 7946)"));
      return null;
    }
    GeoPoint point;
    try {
      point = new GeoPoint(coordinates.get(1).asDouble(), coordinates.get(0).asDouble());
    } catch (InvalidValueException e) {
      problems.add(new Problem(source, line, path + ".geometry.coordinates",
          JsonErrors.describe(e) + "; GeoJSON puts longitude first"));
      return null;
    }
    Map<String, String> values = new HashMap<>();
    JsonNode props = feature.path("properties");
    boolean ok = true;
    for (Map.Entry<String, JsonNode> e : props.properties()) {
      Column column = columns.get(e.getKey());
      if (column == null) {
        if (!options.ignoreUnknown()) {
          problems.add(new Problem(source, line, path + ".properties." + e.getKey(),
              "unknown property \"" + e.getKey() + "\"; properties are " + columns.keySet()
                  + " (read leniently to ignore unknown properties)"));
          ok = false;
        }
        continue;
      }
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      if (v.isArray()) {
        List<String> parts = new ArrayList<>();
        v.forEach(item -> parts.add(item.asText()));
        values.put(e.getKey(), String.join(";", parts));
      } else if (v.isContainerNode()) {
        problems.add(new Problem(source, line, path + ".properties." + e.getKey(),
            "must be a string, number, boolean or array"));
        ok = false;
      } else {
        values.put(e.getKey(), v.asText());
      }
    }
    return ok ? new Row(values, point) : null;
  }

  /**
   * Writes records as a GeoJSON FeatureCollection of Points, properties typed by column kind.
   *
   * @param values the records
   * @param codec the mapping
   * @param out where to write UTF-8; not closed
   * @param <T> the record type
   * @throws IOException if writing fails
   */
  public static <T> void writeGeoJson(List<T> values, RowCodec<T> codec, OutputStream out)
      throws IOException {
    List<Column> columns = codec.columns();
    try (GeoJsonOut geo = GeoJsonOut.open(out)) {
      for (T value : values) {
        List<String> cells = codec.write(value);
        geo.point(codec.id(value), new java.math.BigDecimal(cells.get(indexOf(columns, "lon"))),
            new java.math.BigDecimal(cells.get(indexOf(columns, "lat"))));
        JsonGenerator g = geo.properties();
        g.writeObjectFieldStart("properties");
        for (int i = 0; i < columns.size(); i++) {
          writeProperty(g, columns.get(i), cells.get(i));
        }
        g.writeEndObject();
        geo.endFeature();
      }
    }
  }

  private static void writeProperty(JsonGenerator g, Column c, String text) throws IOException {
    switch (c.kind()) {
      case COORDINATE -> { }
      case TEXT -> {
        if (!text.isEmpty()) {
          g.writeStringField(c.name(), text);
        }
      }
      case INTEGER -> g.writeNumberField(c.name(), Long.parseLong(text));
      case NUMBER -> g.writeNumberField(c.name(), new java.math.BigDecimal(text));
      case BOOLEAN -> g.writeBooleanField(c.name(), Boolean.parseBoolean(text));
      case LIST -> {
        g.writeArrayFieldStart(c.name());
        for (String part : text.isEmpty() ? new String[0] : text.split(";")) {
          g.writeString(part);
        }
        g.writeEndArray();
      }
    }
  }

  private static int indexOf(List<Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("codec has no column " + name);
  }
}
