package dev.linli.scheduling.course;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import dev.linli.core.internal.JsonDocuments;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TreeSet;

/**
 * A class (课程) residents enrol in for all its sessions: a weekend jazz-dance course of twelve
 * Saturday mornings at 湘湖's sports ground. Each enrolment takes {@code seatsPerPlace} seats of the
 * resource in every session, so the resource's capacity must cover the class's places (and anyone
 * else booking it at those times). Sessions are local date-times in the resource's zone. Immutable
 * and thread-safe.
 *
 * <p>As JSON ({@code docs/formats.md}):
 *
 * <pre>{@code
 * {"format": "linli-class", "version": 1, "id": "xh-jazz-26w",
 *  "name": {"zh": "周末爵士舞班", "en": "Weekend jazz dance"}, "instructorId": "t-zhou",
 *  "resourceId": "xh-ground", "places": 20, "seatsPerPlace": 1, "length": "PT1H30M",
 *  "sessions": ["2026-12-05T09:00", "2026-12-12T09:00"]}
 * }</pre>
 *
 * @param id stable id; booking ids are {@code <id>:<resident id>:<session number>}, so keep it short
 * @param name bilingual name
 * @param instructorId who teaches it
 * @param resourceId where it meets
 * @param places how many residents it takes, {@code >= 1}
 * @param seatsPerPlace seats of the resource one enrolment takes in each session, {@code >= 1}
 * @param length how long each session lasts, positive
 * @param sessions each session's local start, strictly increasing, at least one, at most 200
 * @since 0.2.0
 */
public record ClassOffering(String id, Name name, String instructorId, String resourceId,
    int places, int seatsPerPlace, Duration length, List<LocalDateTime> sessions) {
  /** The {@code format} of a class document. */
  public static final String FORMAT = "linli-class";

  /**
   * Validates the offering.
   *
   * @throws InvalidValueException if a field is missing or out of range
   */
  public ClassOffering {
    Id.require(id, "id");
    InvalidValueException.check(id.length() <= 24, "id", id, "must be at most 24 characters, so"
        + " that session booking ids fit in 64");
    InvalidValueException.requirePresent(name, "name");
    Id.require(instructorId, "instructorId");
    Id.require(resourceId, "resourceId");
    InvalidValueException.check(places >= 1, "places", places, "must be >= 1");
    InvalidValueException.check(seatsPerPlace >= 1, "seatsPerPlace", seatsPerPlace,
        "must be >= 1");
    InvalidValueException.check(length != null && length.compareTo(Duration.ZERO) > 0, "length",
        length, "must be a positive duration, such as PT1H30M");
    InvalidValueException.requirePresent(sessions, "sessions");
    sessions = List.copyOf(sessions);
    InvalidValueException.check(!sessions.isEmpty() && sessions.size() <= 200, "sessions",
        sessions.size(), "must list 1 to 200 session starts");
    for (int i = 1; i < sessions.size(); i++) {
      InvalidValueException.check(sessions.get(i).isAfter(sessions.get(i - 1)), "sessions[" + i
          + "]", sessions.get(i), "must be after the session before it, " + sessions.get(i - 1));
    }
    InvalidValueException.check(new TreeSet<>(sessions).size() == sessions.size(), "sessions",
        sessions, "must not repeat");
  }

  /**
   * Reads a class document (format {@value #FORMAT}, version 1), strictly: unknown fields,
   * duplicate keys, nulls and trailing data are refused.
   *
   * @param in UTF-8 JSON; not closed
   * @param source a name for messages, such as the file name
   * @return the offering
   * @throws dev.linli.core.DataFormatException naming the JSON path of each problem
   */
  public static ClassOffering parse(InputStream in, String source) {
    return JsonDocuments.read(in, source, FORMAT, ClassOffering.class, false);
  }
}
