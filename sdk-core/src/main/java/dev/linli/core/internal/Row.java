package dev.linli.core.internal;

import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.geo.GeoPoint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One flat record (a CSV row or a GeoJSON feature's properties) as text by column, with typed
 * getters that fail with the column's name and what the column accepts.
 */
public final class Row {
  private final Map<String, String> values;
  private final Map<String, Integer> columns;
  private final String[] cells;
  private final GeoPoint geometry;

  /**
   * Creates a row.
   *
   * @param values text by column; blank means absent
   * @param geometry the point of a GeoJSON feature, or null for CSV (which has lat/lon columns)
   */
  public Row(Map<String, String> values, GeoPoint geometry) {
    this.values = values;
    this.columns = null;
    this.cells = null;
    this.geometry = geometry;
  }

  private Row(Map<String, Integer> columns, String[] cells) {
    this.values = null;
    this.columns = columns;
    this.cells = cells;
    this.geometry = null;
  }

  /**
   * A CSV row as read: its cells and the header's column positions, shared by every row of the
   * file rather than copied into a map per row.
   *
   * @param columns each column's index in {@code cells}
   * @param cells the row's values, as many as the header has columns
   * @return the row
   */
  public static Row ofCells(Map<String, Integer> columns, String[] cells) {
    return new Row(columns, cells);
  }

  private String value(String column) {
    if (values != null) {
      return values.get(column);
    }
    Integer i = columns.get(column);
    return i == null ? null : cells[i];
  }

  /** @param column the column @return the stripped text, or null if blank or absent */
  public String optText(String column) {
    String v = value(column);
    if (v == null) {
      return null;
    }
    String s = v.strip();
    return s.isEmpty() ? null : s;
  }

  /** @param column the column @return the stripped text @throws InvalidValueException if blank */
  public String text(String column) {
    String v = optText(column);
    if (v == null) {
      throw new InvalidValueException(column, "null", "is required");
    }
    return v;
  }

  /** @param zh Chinese column @param en English column @return the name */
  public Name name(String zh, String en) {
    try {
      return new Name(optText(zh), optText(en));
    } catch (InvalidValueException e) {
      throw new InvalidValueException(e.field().endsWith(".en") ? en : zh, e.value(), e.allowed());
    }
  }

  /** @param column the column @param ifBlank value when blank @return the number */
  public int integer(String column, Integer ifBlank) {
    String v = ifBlank == null ? text(column) : optText(column);
    if (v == null) {
      return ifBlank;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidValueException(column, v, "must be a whole number");
    }
  }

  /** @param column the column @param ifBlank value when blank, or null if required @return the number */
  public double number(String column, Double ifBlank) {
    String v = ifBlank == null ? text(column) : optText(column);
    if (v == null) {
      return ifBlank;
    }
    // Plain decimals only: Double.parseDouble also takes Java's 0x1p4, 30.2d and 120.2f, which no
    // spreadsheet writes and which would otherwise be read as some other number without a word.
    if (!plainDecimal(v)) {
      throw new InvalidValueException(column, v, "must be a decimal number such as 12.5");
    }
    double d = Double.parseDouble(v);
    if (!Double.isFinite(d)) {
      throw new InvalidValueException(column, v, "must be a decimal number such as 12.5");
    }
    return d;
  }

  /**
   * Whether {@code s} is a decimal number as spreadsheets write it: an optional sign, digits with
   * an optional fraction (or a fraction alone), an optional exponent of one to three digits; in
   * regex terms {@code [+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?}, ASCII digits only. By
   * hand rather than by that regex: a city's files hold hundreds of thousands of coordinates.
   *
   * @param s the text
   * @return whether it is such a number
   */
  static boolean plainDecimal(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int start = i;
    i = digits(s, i);
    int whole = i - start;
    if (i < n && s.charAt(i) == '.') {
      int fraction = digits(s, i + 1) - (i + 1);
      if (whole == 0 && fraction == 0) {
        return false;
      }
      i += 1 + fraction;
    } else if (whole == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = digits(s, i) - i;
      if (exponent < 1 || exponent > 3) {
        return false;
      }
      i += exponent;
    }
    return i == n;
  }

  /** The index after the run of ASCII digits starting at {@code from}. */
  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /** @param column the column @return true/false; blank is false */
  public boolean bool(String column) {
    String v = optText(column);
    if (v == null) {
      return false;
    }
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new InvalidValueException(column, v, "must be true or false");
    };
  }

  /** @param column the column @return the {@code ;}-separated values, sorted; empty if blank */
  public Set<String> list(String column) {
    String v = optText(column);
    Set<String> out = new TreeSet<>();
    if (v != null) {
      for (String part : v.split(";")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    }
    return out;
  }

  /**
   * Returns the feature geometry, or the point from the latitude and longitude columns.
   *
   * @param lat latitude column
   * @param lon longitude column
   * @return the point
   */
  public GeoPoint point(String lat, String lon) {
    if (geometry != null) {
      return geometry;
    }
    double la = number(lat, null);
    double lo = number(lon, null);
    try {
      return new GeoPoint(la, lo);
    } catch (InvalidValueException e) {
      throw new InvalidValueException(e.field().equals("lat") ? lat : lon, e.value(), e.allowed());
    }
  }

  /** @param d a number @return its shortest exact decimal text, without exponent */
  public static String decimal(double d) {
    String plain = BigDecimal.valueOf(d).toPlainString();
    return plain.endsWith(".0") ? plain.substring(0, plain.length() - 2) : plain;
  }

  /** @param values texts @return them joined with {@code ;} */
  public static String joined(Iterable<String> values) {
    List<String> out = new ArrayList<>();
    values.forEach(out::add);
    return String.join(";", out);
  }
}
