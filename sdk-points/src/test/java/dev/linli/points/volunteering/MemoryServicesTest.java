package dev.linli.points.volunteering;

/** The durable-services contract in memory: the reference the other backends must match. */
class MemoryServicesTest extends DurableServicesContract {
  @Override
  ServiceWorld.Storage storage() {
    return ServiceWorld.memory();
  }
}
