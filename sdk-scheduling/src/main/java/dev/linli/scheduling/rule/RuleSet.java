package dev.linli.scheduling.rule;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.linli.core.InvalidValueException;
import dev.linli.core.io.DataFormatException;
import dev.linli.core.io.Problem;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one resource, as data an app team edits without code:
 *
 * <pre>{@code
 * {"format": "linli-booking-rules", "version": 1, "rules": [
 *   {"type": "notice-window", "minAdvance": "PT2H", "maxAdvance": "P7D",
 *    "releaseDaysBefore": 5, "releaseTime": "00:00"},
 *   {"type": "duration", "min": "PT30M", "max": "PT2H"},
 *   {"type": "quota", "scope": "HOUSEHOLD", "period": "WEEK", "maxBookings": 3},
 *   {"type": "opening-hours", "weekly": "Mo-Su 06:00-22:00", "holidays": "Mo-Su 09:00-17:00",
 *    "makeUpWorkdayFollows": "MONDAY", "closedWhenUnknown": false}]}
 * }</pre>
 *
 * <p>Durations are ISO-8601 ({@code PT30M}, {@code P7D}); unknown rule types and unknown fields are
 * errors, reported with their JSON path, all at once. A request must satisfy every rule; the reasons of
 * all the rules it breaks are reported together. Immutable and thread-safe.
 *
 * @param rules the rules, checked in order
 * @since 0.1.0
 */
public record RuleSet(List<BookingRule> rules) {
  /** The {@code format} of a rules document. */
  public static final String FORMAT = "linli-booking-rules";
  /** No rules: every request that fits the resource is accepted. */
  public static final RuleSet NONE = new RuleSet(List.of());

  private static final Map<String, Class<? extends BookingRule>> TYPES = types();
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .build();

  /** Copies the list. */
  public RuleSet {
    rules = List.copyOf(InvalidValueException.requirePresent(rules, "rules"));
  }

  private static Map<String, Class<? extends BookingRule>> types() {
    Map<String, Class<? extends BookingRule>> m = new LinkedHashMap<>();
    m.put("notice-window", NoticeWindow.class);
    m.put("duration", DurationLimits.class);
    m.put("quota", Quota.class);
    m.put("opening-hours", OpeningHoursRule.class);
    m.put("active-bookings", ActiveBookingsCap.class);
    m.put("consecutive-slots", ConsecutiveSlots.class);
    m.put("eligibility", Eligibility.class);
    m.put("approval", Approval.class);
    m.put("check-in", CheckInPolicy.class);
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * Returns every reason the request breaks any rule that applies to the context's operation.
   *
   * @param request the request
   * @param context what rules may look at
   * @return the reasons, rule by rule; empty if it complies with all
   */
  public List<Reason> check(BookingRequest request, RuleContext context) {
    List<Reason> out = new ArrayList<>();
    for (BookingRule rule : rules) {
      if (rule.appliesTo(context.operation())) {
        out.addAll(rule.check(request, context));
      }
    }
    return out;
  }

  /**
   * Returns whether bookings under these rules need staff approval.
   *
   * @return true if the set holds an {@link Approval} rule
   */
  public boolean requiresApproval() {
    return rules.stream().anyMatch(r -> r instanceof Approval);
  }

  /**
   * Returns the check-in policy, if the set has one.
   *
   * @return the policy, or empty
   */
  public java.util.Optional<CheckInPolicy> checkIn() {
    return rules.stream().filter(r -> r instanceof CheckInPolicy).map(r -> (CheckInPolicy) r)
        .findFirst();
  }

  /**
   * Reads a rules document.
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages
   * @return the rule set
   * @throws DataFormatException listing every problem with its JSON path
   */
  public static RuleSet parse(InputStream in, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(new java.io.FilterInputStream(in) {
        @Override
        public void close() {
          // the caller owns the stream
        }
      });
    } catch (IOException e) {
      throw new DataFormatException(List.of(new Problem(source, 0, "$",
          "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""))));
    }
    List<Problem> problems = new ArrayList<>();
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      problems.add(new Problem(source, 0, "$.format", "must be \"" + FORMAT + "\""));
    }
    if (root == null || root.path("version").asInt(-1) != 1) {
      problems.add(new Problem(source, 0, "$.version", "must be 1, the version this release reads"));
    }
    JsonNode list = root == null ? null : root.get("rules");
    if (list == null || !list.isArray()) {
      problems.add(new Problem(source, 0, "$.rules", "must be an array of rules"));
      throw new DataFormatException(problems);
    }
    List<BookingRule> rules = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "$.rules[" + i + "]";
      JsonNode node = list.get(i);
      String type = node.path("type").asText("");
      Class<? extends BookingRule> cls = TYPES.get(type);
      if (cls == null) {
        problems.add(new Problem(source, 0, path + ".type", "must be one of " + TYPES.keySet()
            + " (got " + node.path("type") + ")"));
        continue;
      }
      ObjectNode fields = ((ObjectNode) node).deepCopy();
      fields.remove("type");
      try {
        rules.add(MAPPER.treeToValue(fields, cls));
      } catch (IOException | IllegalArgumentException e) {
        problems.add(problem(e, source, path));
      }
    }
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    return new RuleSet(rules);
  }

  private static Problem problem(Exception e, String source, String path) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidValueException ive) {
        return new Problem(source, 0, path + "." + ive.field(),
            ive.allowed() + " (got " + ive.value() + ")");
      }
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return new Problem(source, 0, path + "." + u.getPropertyName(), "unknown field; allowed are "
          + new java.util.TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList()));
    }
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return new Problem(source, 0, path, message.lines().findFirst().orElse(message));
  }

  /**
   * Writes this rule set as a document that {@link #parse} reads back.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", 1);
    ArrayNode list = root.putArray("rules");
    for (BookingRule rule : rules) {
      ObjectNode node = MAPPER.createObjectNode();
      node.put("type", rule.type());
      node.setAll((ObjectNode) MAPPER.valueToTree(rule));
      list.add(node);
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
