package dev.linli.scheduling.engine;

import net.jqwik.api.PropertyDefaults;

/** The engine-level store contract on the default, in-memory store. */
@PropertyDefaults(tries = 200)
class InMemoryEngineStoreContractTest extends EngineStoreContract {
  @Override
  BookingEngine.Builder emptyStore(BookingEngine.Builder builder) {
    return builder;
  }
}
