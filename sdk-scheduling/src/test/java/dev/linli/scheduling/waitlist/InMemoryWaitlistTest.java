package dev.linli.scheduling.waitlist;

import dev.linli.scheduling.engine.BookingEngine;
import net.jqwik.api.PropertyDefaults;

/** The waitlist contract on an engine in memory: the queue and offers in memory too. */
@PropertyDefaults(tries = 150)
class InMemoryWaitlistTest extends WaitlistContract {
  @Override
  BookingEngine.Builder emptyStore(BookingEngine.Builder builder) {
    return builder;
  }
}
