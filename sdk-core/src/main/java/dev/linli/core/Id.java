package dev.linli.core;

import java.util.regex.Pattern;

/**
 * Rules for the stable string identifiers every Linli entity carries.
 *
 * <p>An id is 1 to 64 characters: ASCII letters, digits, and {@code . _ : -}, starting with a letter
 * or digit. Ids are case-sensitive and never reused for another entity; they are what files, journals
 * and bookings refer to, so they must survive CSV, JSON, URLs and file names unchanged.
 *
 * <p>This class has no state and is safe to use from any thread.
 *
 * @since 0.1.0
 */
public final class Id {
  /** What an id may look like, as a phrase for error messages. */
  public static final String RULE =
      "1-64 characters from A-Z a-z 0-9 . _ : -, starting with a letter or digit";

  private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

  private Id() {}

  /**
   * Returns whether {@code candidate} is a well-formed id.
   *
   * @param candidate the text to test, may be null
   * @return true if it follows {@link #RULE}
   */
  public static boolean isValid(String candidate) {
    // A loop rather than PATTERN.matcher(): ids are checked on every ledger request, and this is
    // several times faster; IdTest checks that both agree.
    if (candidate == null || candidate.isEmpty() || candidate.length() > 64) {
      return false;
    }
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && (i == 0 || (c != '.' && c != '_' && c != ':' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether {@code candidate} matches {@link #RULE} by the rule's regular expression; the
   * reference {@link #isValid} is tested against.
   *
   * @param candidate the text to test, may be null
   * @return true if it follows {@link #RULE}
   */
  static boolean matchesRule(String candidate) {
    return candidate != null && PATTERN.matcher(candidate).matches();
  }

  /**
   * Returns {@code id} if it is well-formed.
   *
   * @param id the id, may be null
   * @param field the field's name for the error message, not null
   * @return {@code id}
   * @throws InvalidValueException if {@code id} is null or not well-formed
   */
  public static String require(String id, String field) {
    InvalidValueException.check(isValid(id), field, id, "must be an id: " + RULE);
    return id;
  }

  /**
   * Returns the ids as an unmodifiable sorted set, if every one is well-formed.
   *
   * @param ids the ids, not null
   * @param field the field's name for the error message, not null
   * @return a sorted, unmodifiable copy
   * @throws InvalidValueException if {@code ids} is null or an id is not well-formed
   */
  public static java.util.SortedSet<String> requireAll(java.util.Collection<String> ids,
      String field) {
    InvalidValueException.requirePresent(ids, field);
    java.util.SortedSet<String> sorted = new java.util.TreeSet<>();
    for (String id : ids) {
      sorted.add(require(id, field));
    }
    return java.util.Collections.unmodifiableSortedSet(sorted);
  }

  /**
   * Returns {@code id} if it is null or well-formed, for optional references.
   *
   * @param id the id, may be null
   * @param field the field's name for the error message, not null
   * @return {@code id}
   * @throws InvalidValueException if {@code id} is not null and not well-formed
   */
  public static String requireOptional(String id, String field) {
    return id == null ? null : require(id, field);
  }
}
