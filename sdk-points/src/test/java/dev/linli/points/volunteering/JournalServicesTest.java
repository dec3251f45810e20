package dev.linli.points.volunteering;

/** The durable-services contract on a {@code DurableLedger}'s journal. */
class JournalServicesTest extends DurableServicesContract {
  @Override
  ServiceWorld.Storage storage() {
    return ServiceWorld.journal();
  }
}
