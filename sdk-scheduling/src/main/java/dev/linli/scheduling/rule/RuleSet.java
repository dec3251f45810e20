package dev.linli.scheduling.rule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.InvalidValueException;
import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.internal.JsonDocuments;
import dev.linli.core.internal.JsonMapping;
import dev.linli.scheduling.booking.BookingRequest;
import dev.linli.scheduling.booking.Reason;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
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
    m.put("centre-quota", CentreQuota.class);
    m.put("reminders", Reminders.class);
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
    return check(request, context, Integer.MAX_VALUE);
  }

  /**
   * Returns the first reason {@link #check} would list, without running the rules after the first
   * that the request breaks: what a time picker shows for a refused slot, at a fraction of the cost.
   *
   * @param request the request
   * @param context what rules may look at
   * @return the first reason, or empty if the request complies with every rule
   * @since 0.2.0
   */
  public java.util.Optional<Reason> firstReason(BookingRequest request, RuleContext context) {
    List<Reason> out = check(request, context, 1);
    return out.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(out.get(0));
  }

  /**
   * Says whether {@link #check} would find nothing: the rules in order, stopping at the first that
   * does not {@link BookingRule#allows allow} the request, so that it reads what
   * {@link #firstReason} reads and no refusal's message is written.
   *
   * @param request the request
   * @param context what rules may look at
   * @return true if the request complies with every rule that applies to the operation
   * @since 0.2.0
   */
  public boolean allows(BookingRequest request, RuleContext context) {
    for (BookingRule rule : rules) {
      if (rule.appliesTo(context.operation()) && !rule.allows(request, context)) {
        return false;
      }
    }
    return true;
  }

  /** The rules' reasons in order, stopping once at least {@code enough} are found. */
  private List<Reason> check(BookingRequest request, RuleContext context, int enough) {
    List<Reason> out = new ArrayList<>();
    for (BookingRule rule : rules) {
      if (rule.appliesTo(context.operation())) {
        List<Reason> found = rule.check(request, context);
        // Most rules pass: adding an empty list would still copy it to an array.
        if (!found.isEmpty()) {
          out.addAll(found);
        }
        if (out.size() >= enough) {
          break;
        }
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
    // Asked on every acceptance: a loop, not a stream.
    for (BookingRule r : rules) {
      if (r instanceof Approval) {
        return true;
      }
    }
    return false;
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
   * Returns the reminder lead times, if the set has a reminders rule.
   *
   * @return the rule, or empty
   */
  public java.util.Optional<Reminders> reminders() {
    return rules.stream().filter(r -> r instanceof Reminders).map(r -> (Reminders) r)
        .findFirst();
  }

  /**
   * Returns the centre quotas of the set.
   *
   * @return the centre quotas, in order; empty if none
   */
  public List<CentreQuota> centreQuotas() {
    return rules.stream().filter(r -> r instanceof CentreQuota).map(r -> (CentreQuota) r)
        .toList();
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
    return JsonDocuments.parse(in, source, root -> parse(root, source));
  }

  static RuleSet parse(JsonNode root, String source) {
    List<Problem> problems = new ArrayList<>();
    ObjectNode fields;
    try {
      fields = JsonDocuments.fields(root, source, FORMAT);
    } catch (DataFormatException e) {
      problems.addAll(e.problems());
      fields = root.isObject() ? (ObjectNode) root : JsonNodeFactory.instance.objectNode();
    }
    JsonDocuments.unknownFields(fields, "$", Set.of("rules"), source, problems);
    JsonNode list = fields.get("rules");
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
      ObjectNode ruleFields = ((ObjectNode) node).deepCopy();
      ruleFields.remove("type");
      try {
        rules.add(JsonDocuments.toValue(ruleFields, cls, source, 0, path, false));
      } catch (DataFormatException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    return new RuleSet(rules);
  }

  /**
   * Writes this rule set as a document that {@link #parse} reads back.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", FORMAT);
    root.put("version", JsonDocuments.VERSION);
    ArrayNode list = root.putArray("rules");
    for (BookingRule rule : rules) {
      ObjectNode node = list.addObject();
      node.put("type", rule.type());
      node.setAll((ObjectNode) JsonMapping.mapper(false).valueToTree(rule));
    }
    return JsonDocuments.write(root);
  }

}
