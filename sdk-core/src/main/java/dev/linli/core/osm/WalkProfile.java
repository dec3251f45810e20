package dev.linli.core.osm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.core.DataFormatException;
import dev.linli.core.Id;
import dev.linli.core.Problem;
import dev.linli.core.InvalidValueException;
import dev.linli.core.internal.JsonDocuments;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which OpenStreetMap ways a person may walk and in which direction, as data
 * ({@code "format": "linli-osm-walk-profile"}); {@link #bundled()} is the default and a study loads
 * its own with {@link #parse}.
 *
 * <p>A way is judged by these rules, first match wins:
 * <ol>
 *   <li>no {@code highway} tag: not walkable;</li>
 *   <li>{@code foot} in {@code footDenied} (such as {@code foot=no}): not walkable;</li>
 *   <li>{@code foot} in {@code footAllowed} (such as {@code foot=yes}): walkable, whatever the
 *       highway class and {@code access} say;</li>
 *   <li>{@code access} in {@code accessDenied} (such as {@code access=private}): not walkable;</li>
 *   <li>{@code area=yes}: walkable around its ring if the highway value is in {@code areaHighways}
 *       (a pedestrian square), otherwise not walkable (a car park drawn as an area);</li>
 *   <li>highway value in {@code walkableHighways}: walkable.</li>
 * </ol>
 * Direction: the first key of {@code onewayKeys} present on the way decides ({@code yes}, {@code
 * true}, {@code 1}: drawing order only; {@code -1}, {@code reverse}: against it; anything else: both
 * ways). The ordinary {@code oneway} tag is not among the default keys: it binds vehicles, and a
 * person may walk a one-way street both ways. Areas are walked both ways.
 *
 * <p>A node with a {@code barrier} tag blocks the ways through it when its {@code foot} is in
 * {@code footDenied}, or, unless its {@code foot} is in {@code footAllowed}, when the barrier value
 * is in {@code blockingBarriers} (a wall, a fence) or its {@code access} is in {@code accessDenied}
 * (a private gate). Gates, bollards and kerbs not so tagged let walkers through. Immutable and
 * thread-safe.
 *
 * @param id stable id, for example {@code linli-walk-2026}
 * @param walkableHighways highway values a person may walk, not empty
 * @param areaHighways highway values whose {@code area=yes} ways are walked around their ring
 * @param footAllowed {@code foot} values that make a way or barrier walkable
 * @param footDenied {@code foot} values that forbid walking
 * @param accessDenied {@code access} values that forbid walking unless {@code foot} allows it
 * @param onewayKeys tag keys that make a way one-way for walkers, in order of precedence
 * @param blockingBarriers {@code barrier} values a walker cannot pass
 * @since 0.1.0
 */
public record WalkProfile(
    String id,
    List<String> walkableHighways,
    List<String> areaHighways,
    List<String> footAllowed,
    List<String> footDenied,
    List<String> accessDenied,
    List<String> onewayKeys,
    List<String> blockingBarriers) {
  /** The {@code format} of a walk profile document. */
  public static final String FORMAT = "linli-osm-walk-profile";

  /** How a way may be walked. */
  public enum Walk {
    /** Not part of the walk network. */
    NO,
    /** Both directions. */
    BOTH_WAYS,
    /** In drawing order only. */
    FORWARD,
    /** Against drawing order only. */
    BACKWARD
  }

  /**
   * Validates the profile.
   *
   * @throws InvalidValueException if a list is missing, holds a blank or repeated value, or
   *     {@code walkableHighways} is empty
   */
  public WalkProfile {
    Id.require(id, "id");
    walkableHighways = values(walkableHighways, "walkableHighways");
    InvalidValueException.check(!walkableHighways.isEmpty(), "walkableHighways", "[]",
        "needs at least one highway value, such as \"footway\"");
    areaHighways = values(areaHighways, "areaHighways");
    footAllowed = values(footAllowed, "footAllowed");
    footDenied = values(footDenied, "footDenied");
    accessDenied = values(accessDenied, "accessDenied");
    onewayKeys = values(onewayKeys, "onewayKeys");
    blockingBarriers = values(blockingBarriers, "blockingBarriers");
    for (String v : footAllowed) {
      InvalidValueException.check(!footDenied.contains(v), "footDenied", v,
          "must not repeat a value of footAllowed");
    }
  }

  private static List<String> values(List<String> list, String field) {
    List<String> copy = List.copyOf(InvalidValueException.requirePresent(list, field));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < copy.size(); i++) {
      String v = copy.get(i);
      InvalidValueException.check(!v.isBlank() && v.length() <= 100, field + "[" + i + "]", v,
          "must be a tag value of 1 to 100 characters");
      InvalidValueException.check(seen.add(v), field + "[" + i + "]", v, "is listed twice");
    }
    return copy;
  }

  /**
   * Returns the bundled default: footways, paths, steps, pedestrian streets and ordinary streets up
   * to primary roads; no trunk roads, motorways or cycleways unless {@code foot=yes} says so.
   *
   * @return the profile
   */
  public static WalkProfile bundled() {
    return Bundled.DEFAULT;
  }

  /**
   * Reads a profile document ({@code "format": "linli-osm-walk-profile"}, {@code "version": 1});
   * unknown fields, repeated keys and repeated values are refused.
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages
   * @return the profile
   * @throws dev.linli.core.DataFormatException naming the line and JSON path of each problem
   */
  public static WalkProfile parse(InputStream in, String source) {
    return JsonDocuments.parse(in, source, root -> {
      ObjectNode fields = JsonDocuments.fields(root, source, FORMAT);
      // Jackson would turn a number in a list of tag values into text; the schema refuses it.
      List<Problem> problems = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : fields.properties()) {
        JsonNode list = field.getValue();
        for (int i = 0; list.isArray() && i < list.size(); i++) {
          if (!list.get(i).isTextual()) {
            problems.add(new Problem(source, 0, "$." + field.getKey() + "[" + i + "]",
                "must be a tag value in quotes (got " + Problem.excerpt(list.get(i)) + ")"));
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new DataFormatException(problems);
      }
      return JsonDocuments.toValue(fields, WalkProfile.class, source, 0, "$", false);
    });
  }

  /**
   * Returns this profile as a document that {@link #parse} reads back.
   *
   * @return the JSON text
   */
  public String toJson() {
    return JsonDocuments.write(this, FORMAT);
  }

  /**
   * Judges a way by its tags.
   *
   * @param tags the way's tags, not null
   * @param closed whether its first and last node are the same
   * @return how it may be walked
   */
  public Walk walk(Map<String, String> tags, boolean closed) {
    String highway = tags.get("highway");
    if (highway == null) {
      return Walk.NO;
    }
    String foot = tags.get("foot");
    boolean area = "yes".equals(tags.get("area"));
    if (foot != null && footDenied.contains(foot)) {
      return Walk.NO;
    }
    boolean allowed = foot != null && footAllowed.contains(foot);
    if (!allowed) {
      String access = tags.get("access");
      if (access != null && accessDenied.contains(access)) {
        return Walk.NO;
      }
      if (area && !(closed && areaHighways.contains(highway))) {
        return Walk.NO;
      }
      if (!area && !walkableHighways.contains(highway)) {
        return Walk.NO;
      }
    }
    if (area && closed) {
      return Walk.BOTH_WAYS;
    }
    for (String key : onewayKeys) {
      String v = tags.get(key);
      if (v != null) {
        return switch (v) {
          case "yes", "true", "1" -> Walk.FORWARD;
          case "-1", "reverse" -> Walk.BACKWARD;
          default -> Walk.BOTH_WAYS;
        };
      }
    }
    return Walk.BOTH_WAYS;
  }

  /**
   * Judges whether a node stops walkers on the ways through it.
   *
   * @param tags the node's tags, not null
   * @return true for a barrier a walker cannot pass
   */
  public boolean blocks(Map<String, String> tags) {
    String barrier = tags.get("barrier");
    if (barrier == null) {
      return false;
    }
    String foot = tags.get("foot");
    if (foot != null && footDenied.contains(foot)) {
      return true;
    }
    if (foot != null && footAllowed.contains(foot)) {
      return false;
    }
    String access = tags.get("access");
    return blockingBarriers.contains(barrier) || (access != null && accessDenied.contains(access));
  }

  private static final class Bundled {
    static final WalkProfile DEFAULT = JsonDocuments.bundled(WalkProfile.class,
        "walk-profile.json", FORMAT, WalkProfile.class);
  }
}
