package dev.linli.core;

/**
 * A bilingual display name: Chinese as used locally, English (or pinyin) for international users.
 *
 * <p>At least one of the two is given; a missing one is stored as the empty string, never null.
 * Leading and trailing white space is removed. Immutable and thread-safe.
 *
 * @param zh the Chinese name, for example {@code 景芳社区}; empty if unknown, not null
 * @param en the English name, for example {@code Jingfang Community}; empty if unknown, not null
 * @since 0.1.0
 */
public record Name(String zh, String en) {
  /** Longest name accepted, in characters. */
  public static final int MAX_LENGTH = 200;

  /**
   * Validates and normalises the name.
   *
   * @throws InvalidValueException if both parts are blank or one is longer than {@link #MAX_LENGTH}
   */
  public Name {
    zh = zh == null ? "" : zh.strip();
    en = en == null ? "" : en.strip();
    InvalidValueException.check(!zh.isEmpty() || !en.isEmpty(), "name", "\"\"",
        "needs a Chinese or an English name, or both");
    InvalidValueException.check(zh.length() <= MAX_LENGTH, "name.zh", zh,
        "must be at most " + MAX_LENGTH + " characters");
    InvalidValueException.check(en.length() <= MAX_LENGTH, "name.en", en,
        "must be at most " + MAX_LENGTH + " characters");
  }

  /**
   * Returns a name with both languages.
   *
   * @param zh the Chinese name
   * @param en the English name
   * @return the name
   */
  public static Name of(String zh, String en) {
    return new Name(zh, en);
  }

  /**
   * Returns the Chinese name if there is one, otherwise the English name.
   *
   * @return a non-empty display name
   */
  public String display() {
    return zh.isEmpty() ? en : zh;
  }

  @Override
  public String toString() {
    if (zh.isEmpty() || en.isEmpty()) {
      return display();
    }
    return zh + " (" + en + ")";
  }

  /**
   * Component by component, as the record's generated {@code equals}: written out because the
   * generated one builds method handles on its first call, milliseconds of a command-line run
   * (reading a city compares the district and subdistrict names of every community row).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Name n && zh.equals(n.zh) && en.equals(n.en);
  }
}
