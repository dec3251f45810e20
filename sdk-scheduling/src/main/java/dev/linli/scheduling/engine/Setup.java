package dev.linli.scheduling.engine;

import dev.linli.core.facility.OpeningHours;
import dev.linli.scheduling.booking.ResidentProfile;
import dev.linli.scheduling.booking.Resource;
import dev.linli.scheduling.calendar.HolidayCalendar;
import dev.linli.scheduling.internal.ZoneSpans;
import dev.linli.scheduling.rule.RuleSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What an engine was built with and never changes: its clock, resources and how they relate, rules,
 * calendar, resident directory and the cache of parsed opening hours. Shared by the engine's parts;
 * thread-safe (the maps are immutable, the cache is concurrent).
 *
 * @param clock the engine's clock
 * @param resources resources by id, in the order given
 * @param rules the rule sets the engine was built with, by resource id: version 1 of each, stored
 *     when the store has none (decisions use the store's latest version)
 * @param calendar public holidays and make-up workdays
 * @param residents resident directory
 * @param related for each resource, the resources it may not overlap (its parts, its wholes), sorted
 * @param siblings for each resource, the other resources of its groups, in group order
 * @param allowPastStarts true if bookings may start before now (back-dating by staff)
 * @param openingHours parsed opening-hours texts, bounded
 * @param zones the zones' offsets, remembered span by span (see {@link ZoneSpans})
 */
record Setup(Clock clock, Map<String, Resource> resources, Map<String, RuleSet> rules,
    HolidayCalendar calendar, Function<String, Optional<ResidentProfile>> residents,
    Map<String, Set<String>> related, Map<String, List<String>> siblings, boolean allowPastStarts,
    OpeningHoursCache openingHours, ZoneSpans zones) {

  /** This set-up with another resident directory (an availability query's memo of it). */
  Setup withResidents(Function<String, Optional<ResidentProfile>> directory) {
    return new Setup(clock, resources, rules, calendar, directory, related, siblings,
        allowPastStarts, openingHours, zones);
  }

  OpeningHours parsedHours(String text) {
    return openingHours.get(text);
  }

  static String local(Resource r, java.time.Instant t) {
    return t.atZone(r.zone()).toLocalDateTime().toString().replace('T', ' ');
  }
}
