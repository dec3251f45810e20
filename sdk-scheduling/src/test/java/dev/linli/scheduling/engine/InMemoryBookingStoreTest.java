package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Resource;
import java.util.Map;

class InMemoryBookingStoreTest extends BookingStoreContract {
  @Override
  BookingStore newStore(Map<String, Resource> resources) {
    return new InMemoryBookingStore(resources);
  }
}
