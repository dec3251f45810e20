package dev.linli.points.volunteering;

/** The durable-services contract on PostgreSQL (a new database per run). */
class PostgresServicesTest extends DurableServicesContract {
  @Override
  ServiceWorld.Storage storage() {
    return ServiceWorld.postgres();
  }
}
