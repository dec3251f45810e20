package dev.linli.scheduling.engine;

import net.jqwik.api.PropertyDefaults;

/** The store contract on the default, in-memory store. */
@PropertyDefaults(tries = 200)
class InMemoryBookingStoreContractTest extends BookingStoreContract {
  @Override
  BookingEngine.Builder emptyStore(BookingEngine.Builder builder) {
    return builder;
  }
}
