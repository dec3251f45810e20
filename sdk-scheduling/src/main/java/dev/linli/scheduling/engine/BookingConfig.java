package dev.linli.scheduling.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.DataFormatException;
import dev.linli.core.Problem;
import dev.linli.core.internal.JsonDocuments;
import dev.linli.core.internal.JsonMapping;
import dev.linli.core.place.AgeBand;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.rule.RuleSet;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A centre's booking set-up as one JSON document an app team edits: resources, groups of equivalent
 * resources, each resource's rules, the residents eligibility rules look up and the admin roles
 * (staff who may change or cancel any booking; {@code ["admin"]} when not given). Immutable and
 * thread-safe; {@link #engine(Clock)} builds a fresh engine from it.
 *
 * <pre>{@code
 * {"format": "linli-booking-config", "version": 1,
 *  "resources": [{"id": "jf-gym", "name": {"zh": "百姓健身房", "en": "Public gym"},
 *                 "capacity": 30, "zone": "Asia/Shanghai", "slot": "PT30M",
 *                 "bufferBefore": "PT0M", "bufferAfter": "PT0M", "parts": []}],
 *  "groups": {"meeting-rooms": ["room-1", "room-2"]},
 *  "rules": {"jf-gym": {"format": "linli-booking-rules", "version": 1, "rules": [...]}},
 *  "residents": [{"residentId": "r1", "ageBand": "AGE_18_59", "communityId": "jingfang",
 *                 "groupIds": ["dance-team"]}],
 *  "adminRoles": ["admin", "centre-staff"]}
 * }</pre>
 *
 * @param resources the resources
 * @param groups group id to its resources
 * @param rules resource id to its rules
 * @param residents resident id to profile
 * @param adminRoles the roles whose actors may change and cancel any booking, at least one
 * @since 0.1.0
 */
public record BookingConfig(List<Resource> resources, Map<String, List<String>> groups,
    Map<String, RuleSet> rules, Map<String, ResidentProfile> residents, Set<String> adminRoles) {
  /** The {@code format} of a booking configuration document. */
  public static final String FORMAT = "linli-booking-config";
  /** The admin roles of a configuration that names none: {@code ["admin"]}. */
  public static final Set<String> DEFAULT_ADMIN_ROLES = Set.of("admin");

  /**
   * Copies the collections.
   *
   * @throws InvalidValueException if {@code adminRoles} is empty or a role is not an id
   */
  public BookingConfig {
    resources = List.copyOf(resources);
    groups = Map.copyOf(groups);
    rules = Map.copyOf(rules);
    residents = Map.copyOf(residents);
    InvalidValueException.check(adminRoles != null && !adminRoles.isEmpty(), "adminRoles",
        adminRoles, "must name at least one role, such as [\"admin\"]");
    adminRoles = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(
        dev.linli.core.Id.requireAll(adminRoles, "adminRoles")));
  }

  /**
   * Returns a set-up whose admin role is {@code admin}.
   *
   * @param resources the resources
   * @param groups group id to its resources
   * @param rules resource id to its rules
   * @param residents resident id to profile
   * @since 0.1.0
   */
  public BookingConfig(List<Resource> resources, Map<String, List<String>> groups,
      Map<String, RuleSet> rules, Map<String, ResidentProfile> residents) {
    this(resources, groups, rules, residents, DEFAULT_ADMIN_ROLES);
  }

  /**
   * Returns a new engine with this set-up and no bookings.
   *
   * @param clock the engine's clock
   * @return the engine
   * @throws InvalidValueException if the set-up is inconsistent (an unknown part or group member)
   */
  public BookingEngine engine(Clock clock) {
    return builder(clock).build();
  }

  /**
   * Returns a builder set up with this configuration (resources, groups, rules, residents, admin
   * roles, the bundled holiday calendar), for what the document does not say: a store, a listener.
   *
   * @param clock the engine's clock
   * @return the builder
   */
  public BookingEngine.Builder builder(Clock clock) {
    BookingEngine.Builder b = BookingEngine.builder(clock).resources(resources).rules(rules)
        .calendar(HolidayCalendar.bundled()).residents(id -> Optional.ofNullable(residents.get(id)))
        .adminRoles(adminRoles);
    groups.forEach(b::group);
    return b;
  }


  /**
   * Reads a configuration document, reporting every problem with its JSON path.
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages, such as the file name
   * @return the configuration
   * @throws DataFormatException listing every problem found
   */
  public static BookingConfig parse(InputStream in, String source) {
    return JsonDocuments.parse(in, source, tree -> parse(tree, source));
  }

  private static final Set<String> FIELDS = Set.of("resources", "groups", "rules", "residents",
      "adminRoles");
  private static final Set<String> RESIDENT_FIELDS =
      Set.of("residentId", "ageBand", "communityId", "groupIds");

  private static BookingConfig parse(JsonNode tree, String source) {
    JsonNode root = JsonDocuments.fields(tree, source, FORMAT);
    List<Problem> problems = new ArrayList<>();
    JsonDocuments.unknownFields(root, "$", FIELDS, source, problems);
    List<Resource> resources = new ArrayList<>();
    JsonNode list = root.path("resources");
    if (!list.isArray() || list.isEmpty()) {
      problems.add(new Problem(source, 0, "$.resources", "must be a non-empty array"));
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "$.resources[" + i + "]";
      JsonNode n = list.get(i);
      try {
        resources.add(resource(n));
      } catch (InvalidValueException e) {
        problems.add(new Problem(source, 0, path + "." + e.field(), e.allowed() + " (got "
            + e.value() + ")"));
      } catch (RuntimeException e) {
        problems.add(new Problem(source, 0, path, String.valueOf(e.getMessage())));
      }
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    JsonNode groupTree = root.path("groups");
    if (!groupTree.isMissingNode() && !groupTree.isObject()) {
      problems.add(new Problem(source, 0, "$.groups", "must be an object of group id to a list of"
          + " resource ids (got " + groupTree.getNodeType().toString().toLowerCase(Locale.ROOT)
          + ")"));
    }
    for (Map.Entry<String, JsonNode> g : groupTree.properties()) {
      String path = "$.groups." + g.getKey();
      if (!g.getValue().isArray()) {
        // Reading a non-list as "no members" would silently leave the group empty.
        problems.add(new Problem(source, 0, path, "must be a list of resource ids (got "
            + g.getValue().getNodeType().toString().toLowerCase(Locale.ROOT) + ")"));
        continue;
      }
      List<String> members = new ArrayList<>();
      for (int i = 0; i < g.getValue().size(); i++) {
        JsonNode m = g.getValue().get(i);
        if (!m.isTextual()) {
          problems.add(new Problem(source, 0, path + "[" + i + "]", "must be a resource id"
              + " string (got " + m.getNodeType().toString().toLowerCase(Locale.ROOT) + ")"));
        } else {
          members.add(m.asText());
        }
      }
      groups.put(g.getKey(), members);
    }
    Map<String, RuleSet> rules = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> r : root.path("rules").properties()) {
      try {
        rules.put(r.getKey(), RuleSet.parse(new ByteArrayInputStream(
            r.getValue().toString().getBytes(StandardCharsets.UTF_8)), source));
      } catch (DataFormatException e) {
        // The rule set's own paths start at its root; here it sits at $.rules.<resource>.
        for (Problem p : e.problems()) {
          problems.add(new Problem(source, 0, "$.rules." + r.getKey() + p.path().substring(1),
              p.message()));
        }
      }
    }
    Map<String, ResidentProfile> residents = new LinkedHashMap<>();
    JsonNode people = root.path("residents");
    for (int i = 0; i < people.size(); i++) {
      JsonNode p = people.get(i);
      JsonDocuments.unknownFields(p, "$.residents[" + i + "]", RESIDENT_FIELDS, source, problems);
      try {
        Set<String> groupIds = new java.util.TreeSet<>();
        p.path("groupIds").forEach(x -> groupIds.add(x.asText()));
        ResidentProfile profile = new ResidentProfile(text(p, "residentId"),
            AgeBand.valueOf(text(p, "ageBand")), text(p, "communityId"), groupIds);
        residents.put(profile.residentId(), profile);
      } catch (InvalidValueException e) {
        problems.add(new Problem(source, 0, "$.residents[" + i + "]." + e.field(), e.allowed()
            + " (got " + e.value() + ")"));
      } catch (IllegalArgumentException e) {
        problems.add(new Problem(source, 0, "$.residents[" + i + "].ageBand", "must be one of "
            + java.util.Arrays.toString(AgeBand.values())));
      }
    }
    Set<String> adminRoles = new java.util.LinkedHashSet<>();
    JsonNode roles = root.path("adminRoles");
    if (roles.isMissingNode()) {
      adminRoles.addAll(DEFAULT_ADMIN_ROLES);
    } else if (!roles.isArray() || roles.isEmpty()) {
      problems.add(new Problem(source, 0, "$.adminRoles", "must be a non-empty list of role ids,"
          + " such as [\"admin\", \"centre-staff\"] (got " + shown(roles) + ")"));
    } else {
      for (int i = 0; i < roles.size(); i++) {
        JsonNode role = roles.get(i);
        if (!role.isTextual() || !dev.linli.core.Id.isValid(role.asText())) {
          problems.add(new Problem(source, 0, "$.adminRoles[" + i + "]", "must be a role id: "
              + dev.linli.core.Id.RULE + " (got " + shown(role) + ")"));
        } else if (!adminRoles.add(role.asText())) {
          problems.add(new Problem(source, 0, "$.adminRoles[" + i + "]", "repeats role "
              + role.asText()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new DataFormatException(problems);
    }
    BookingConfig config = new BookingConfig(resources, groups, rules, residents, adminRoles);
    try {
      config.engine(Clock.systemUTC());
    } catch (InvalidValueException e) {
      throw new DataFormatException(List.of(new Problem(source, 0, "$." + e.field(), e.allowed()
          + " (got " + e.value() + ")")));
    }
    return config;
  }

  /** A value as a message shows it: its JSON, cut short. */
  private static String shown(JsonNode value) {
    String text = value.toString();
    return text.length() <= 60 ? text : text.substring(0, 60) + "…";
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Resource resource(JsonNode n) {
    Set<String> known = Set.of("id", "name", "capacity", "zone", "slot", "bufferBefore",
        "bufferAfter", "parts");
    for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
      String f = it.next();
      InvalidValueException.check(known.contains(f), f, n.get(f), "is not a resource field; allowed"
          + " are " + new java.util.TreeSet<>(known));
    }
    JsonNode name = n.path("name");
    List<String> parts = new ArrayList<>();
    n.path("parts").forEach(p -> parts.add(p.asText()));
    return new Resource(text(n, "id"), Name.of(text(name, "zh"), text(name, "en")),
        JsonDocuments.intField(n, "capacity", 1), ZoneId.of(n.path("zone").asText("Asia/Shanghai")),
        JsonMapping.duration(n.path("slot").asText("PT30M"), "slot"),
        JsonMapping.duration(n.path("bufferBefore").asText("PT0M"), "bufferBefore"),
        JsonMapping.duration(n.path("bufferAfter").asText("PT0M"), "bufferAfter"), parts);
  }
}
