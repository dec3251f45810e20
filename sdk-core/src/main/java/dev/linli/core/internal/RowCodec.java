package dev.linli.core.internal;

import java.util.List;
import java.util.Map;

/**
 * How one kind of record maps to flat columns, shared by the CSV and GeoJSON formats.
 *
 * @param <T> the record type
 */
public abstract class RowCodec<T> {
  /** A column: its name, the JSON type it has in GeoJSON properties, and whether it may be left out. */
  public record Column(String name, Kind kind, boolean optional) {}

  /** The JSON type of a column in GeoJSON properties. */
  public enum Kind {
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

  private final List<Column> columns;
  private final Map<String, String> fieldColumns;

  /**
   * @param columns the columns in file order
   * @param fieldColumns model field names that map to another column name, for constructor errors
   */
  protected RowCodec(List<Column> columns, Map<String, String> fieldColumns) {
    this.columns = List.copyOf(columns);
    this.fieldColumns = Map.copyOf(fieldColumns);
  }

  /** @return the columns in file order */
  public final List<Column> columns() {
    return columns;
  }

  /**
   * Builds a record from a row.
   *
   * @param row the row
   * @return the record
   * @throws dev.linli.core.InvalidValueException naming a column or a model field
   */
  public abstract T read(Row row);

  /** @param value the record @return the text of each column, in column order; empty for absent */
  public abstract List<String> write(T value);

  /** @return model field names that map to another column name, for constructor errors */
  public final Map<String, String> fieldColumns() {
    return fieldColumns;
  }

  /** @param value the record @return its id, used as the GeoJSON feature id */
  public abstract String id(T value);
}
