package dev.linli.scheduling.booking;

import dev.linli.core.Id;
import dev.linli.core.InvalidValueException;
import dev.linli.core.Name;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * A bookable space (场地): a gym, a stage, a meeting room, a court, a banquet table.
 *
 * <p>{@code capacity} is the number of seats that can be booked at the same time; 1 means the space
 * is booked whole (exclusive). A resource may be made of {@code parts}: a full court of two half
 * courts. Booking the whole takes every part, and booking a part takes the whole, so each conflicts
 * with the other; parts conflict only with themselves. Resources with parts, and parts, are exclusive.
 * {@code bufferBefore} and {@code bufferAfter} (cleaning, set-up) are blocked around every booking but
 * not billed. Times are reasoned in {@code zone} (default Asia/Shanghai). Immutable and thread-safe.
 *
 * @param id stable id, see {@link Id}
 * @param name bilingual name, not null
 * @param capacity seats bookable at once, {@code >= 1}
 * @param zone the resource's time zone, not null
 * @param slot the booking grid: starts and ends must fall on multiples of it from midnight, {@code >= 1 min}
 * @param bufferBefore blocked time before each booking, {@code >= 0}
 * @param bufferAfter blocked time after each booking, {@code >= 0}
 * @param parts ids of the resources this one is made of (empty if none)
 * @since 0.1.0
 */
public record Resource(String id, Name name, int capacity, ZoneId zone, Duration slot,
    Duration bufferBefore, Duration bufferAfter, List<String> parts) {
  /** The default zone of Chinese neighbourhood centres. */
  public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  /**
   * Validates the resource.
   *
   * @throws InvalidValueException if a field is missing or out of range
   */
  public Resource {
    Id.require(id, "id");
    InvalidValueException.requirePresent(name, "name");
    InvalidValueException.check(capacity >= 1, "capacity", capacity, "must be >= 1");
    InvalidValueException.requirePresent(zone, "zone");
    InvalidValueException.requirePresent(slot, "slot");
    InvalidValueException.check(slot.toMinutes() >= 1 && slot.toMinutes() <= 24 * 60
        && Duration.ofDays(1).toMinutes() % slot.toMinutes() == 0 && slot.toSecondsPart() == 0,
        "slot", slot, "must be whole minutes that divide a day, such as PT30M");
    InvalidValueException.check(bufferBefore != null && !bufferBefore.isNegative(), "bufferBefore",
        bufferBefore, "must be a duration >= 0");
    InvalidValueException.check(bufferAfter != null && !bufferAfter.isNegative(), "bufferAfter",
        bufferAfter, "must be a duration >= 0");
    parts = List.copyOf(InvalidValueException.requirePresent(parts, "parts"));
    for (String part : parts) {
      Id.require(part, "parts");
      InvalidValueException.check(!part.equals(id), "parts", part, "a resource is not its own part");
    }
    InvalidValueException.check(parts.isEmpty() || capacity == 1, "capacity", capacity,
        "must be 1 for a resource made of parts (booked whole)");
  }

  /**
   * Returns an exclusive resource in Asia/Shanghai with a 30-minute grid and no buffers.
   *
   * @param id the id
   * @param name the name
   * @return the resource
   */
  public static Resource exclusive(String id, Name name) {
    return new Resource(id, name, 1, SHANGHAI, Duration.ofMinutes(30), Duration.ZERO,
        Duration.ZERO, List.of());
  }

  /**
   * Returns this resource with another seat count.
   *
   * @param seats seats bookable at once
   * @return the new resource
   */
  public Resource withCapacity(int seats) {
    return new Resource(id, name, seats, zone, slot, bufferBefore, bufferAfter, parts);
  }

  /**
   * Returns this resource with buffers.
   *
   * @param before blocked before each booking
   * @param after blocked after each booking
   * @return the new resource
   */
  public Resource withBuffers(Duration before, Duration after) {
    return new Resource(id, name, capacity, zone, slot, before, after, parts);
  }

  /**
   * Returns this resource made of {@code partIds}.
   *
   * @param partIds the parts' ids
   * @return the new resource
   */
  public Resource withParts(List<String> partIds) {
    return new Resource(id, name, capacity, zone, slot, bufferBefore, bufferAfter, partIds);
  }

  /**
   * Returns this resource on another booking grid.
   *
   * @param grid the slot length
   * @return the new resource
   */
  public Resource withSlot(Duration grid) {
    return new Resource(id, name, capacity, zone, grid, bufferBefore, bufferAfter, parts);
  }
}
