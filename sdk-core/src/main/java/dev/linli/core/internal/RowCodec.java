package dev.linli.core.internal;

import java.util.List;
import java.util.Map;

/**
 * How one kind of record maps to flat columns, shared by the CSV and GeoJSON formats.
 *
 * @param <T> the record type
 */
public interface RowCodec<T> {
  /** A column: its name, the JSON type it has in GeoJSON properties, and whether it may be left out. */
  record Column(String name, Kind kind, boolean optional) {}

  /** The JSON type of a column in GeoJSON properties. */
  enum Kind {
    /** A string. */
    TEXT,
    /** A whole number. */
    INTEGER,
    /** A decimal number. */
    NUMBER,
    /** true or false. */
    BOOLEAN,
    /** A list, {@code ;}-separated in CSV and an array in GeoJSON. */
    LIST,
    /** Latitude or longitude: a column in CSV, the geometry in GeoJSON. */
    COORDINATE
  }

  /** @return the columns in file order */
  List<Column> columns();

  /**
   * Builds a record from a row.
   *
   * @param row the row
   * @return the record
   * @throws dev.linli.core.InvalidValueException naming a column or a model field
   */
  T read(Row row);

  /** @param value the record @return the text of each column, in column order; empty for absent */
  List<String> write(T value);

  /** @return model field names that map to another column name, for constructor errors */
  Map<String, String> fieldColumns();

  /** @param value the record @return its id, used as the GeoJSON feature id */
  String id(T value);
}
