package dev.linli.scheduling.engine;

import dev.linli.scheduling.booking.Resource;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The check-then-insert store the PostgreSQL store must beat (cal.com's race): the same tables,
 * queries and transactions, but nothing serialises competing decisions, so two requests can both
 * see the last seat free and both insert. Test code only.
 */
final class NaiveBookingStore extends ForwardingBookingStore {
  private NaiveBookingStore(BookingStore rows) {
    super(rows);
  }

  static Function<Map<String, Resource>, BookingStore> of(DataSource dataSource) {
    return resources -> new NaiveBookingStore(PostgresBookingStore.of(dataSource).open(resources));
  }

  @Override
  public void lockResources(List<String> resourceIds) {
    // check, then insert: no lock
  }

  @Override
  public void lockHolders(List<String> holderKeys) {
    // check, then insert: no lock
  }
}
