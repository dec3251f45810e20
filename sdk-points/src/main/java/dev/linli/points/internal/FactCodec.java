package dev.linli.points.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.linli.core.internal.JsonMapping;
import dev.linli.points.FactFormatException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fact kinds of one stream and their stored form: a kind name (stable, stored with each
 * fact) per record class, and the record as JSON written and read by Linli's strict mapper
 * (unknown fields, duplicate keys, trailing data, missing primitives and an invalid value all
 * refused), so a fact reads back equal to what was written or not at all. Not exported.
 * Immutable and thread-safe.
 *
 * @param <F> the facts' common type
 */
public final class FactCodec<F> {
  private static final int SHOWN = 80;

  private final Class<F> root;
  private final Map<String, Class<? extends F>> byKind;
  private final Map<Class<?>, String> byClass = new LinkedHashMap<>();
  private final ObjectMapper mapper = JsonMapping.mapper(false);

  private FactCodec(Class<F> root, Map<String, Class<? extends F>> kinds) {
    this.root = root;
    this.byKind = Map.copyOf(kinds);
    kinds.forEach((k, c) -> {
      if (!k.matches("[a-z][a-z0-9-]{0,39}")) {
        throw new IllegalArgumentException("fact kind " + k + " must be 1-40 of a-z, 0-9, '-'");
      }
      if (byClass.put(c, k) != null) {
        throw new IllegalArgumentException(c.getName() + " has two kinds");
      }
    });
  }

  /**
   * Returns the codec of the facts of type {@code root} with the given kinds.
   *
   * @param root the facts' common type
   * @param kinds each kind's name and record class; names are stored, so never rename one
   * @param <F> the facts' common type
   * @return the codec
   * @throws IllegalArgumentException if a name is not lower-case kebab or a class has two names
   */
  public static <F> FactCodec<F> of(Class<F> root, Map<String, Class<? extends F>> kinds) {
    return new FactCodec<>(Objects.requireNonNull(root, "root"), kinds);
  }

  /**
   * Returns the kind name of {@code fact}.
   *
   * @param fact a fact
   * @return its kind
   * @throws IllegalArgumentException if its class has no kind
   */
  public String kind(F fact) {
    String k = byClass.get(fact.getClass());
    if (k == null) {
      throw new IllegalArgumentException(fact.getClass().getName() + " is not a registered "
          + root.getSimpleName() + " kind; kinds: " + byKind.keySet());
    }
    return k;
  }

  /**
   * Writes {@code fact} as JSON.
   *
   * @param fact a fact
   * @return its JSON text
   */
  public String write(F fact) {
    kind(fact);
    try {
      return mapper.writeValueAsString(fact);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write fact " + fact + ": " + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * Reads a stored fact back.
   *
   * @param stream the stream, for messages
   * @param seq the fact's sequence number, for messages
   * @param kind the stored kind
   * @param json the stored JSON text
   * @return the fact
   * @throws FactFormatException if the kind is unknown or the text is not a valid fact of it
   */
  public F read(String stream, long seq, String kind, String json) {
    Class<? extends F> type = byKind.get(kind);
    if (type == null) {
      throw new FactFormatException(stream, seq, "unknown kind " + cut(kind) + "; this SDK knows "
          + byKind.keySet().stream().sorted().toList()
          + " (was it written by a newer SDK?)", null);
    }
    try {
      return mapper.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new FactFormatException(stream, seq, "a " + kind + " fact cannot be read: "
          + e.getOriginalMessage() + "; stored text: " + cut(json), e);
    }
  }

  private static String cut(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= SHOWN ? s : s.substring(0, SHOWN) + "…(" + s.length() + " chars)";
  }
}
