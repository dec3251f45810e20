package dev.linli.scheduling.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.linli.scheduling.booking.BookingRequest;

/**
 * The JSON form of a {@link BookingRequest} inside the PostgreSQL store's history and outbox rows
 * (documented in {@code docs/formats.md} §14): one writer, so a booking and a waitlist seat read
 * the same to an app that consumes the outbox. Instants are ISO-8601 UTC. Stateless.
 */
public final class RequestJson {
  private RequestJson() {}

  /**
   * Writes {@code q}'s fields into {@code into}: id, resourceId, residentId, householdId, groupId
   * (only when set), start, end, seats.
   *
   * @param into the object to fill, not null
   * @param q the request, not null
   * @return {@code into}
   */
  public static ObjectNode write(ObjectNode into, BookingRequest q) {
    into.put("id", q.id());
    into.put("resourceId", q.resourceId());
    into.put("residentId", q.residentId());
    into.put("householdId", q.householdId());
    if (q.groupId() != null) {
      into.put("groupId", q.groupId());
    }
    into.put("start", q.start().toString());
    into.put("end", q.end().toString());
    into.put("seats", q.seats());
    return into;
  }
}
