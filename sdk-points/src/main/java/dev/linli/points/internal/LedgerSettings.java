package dev.linli.points.internal;

import dev.linli.points.LotExpiry;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * What a {@link dev.linli.points.Ledger.Builder} was given, for the journal, which builds the
 * ledger it recovers from the journal's own configuration with the builder's clock. Not exported.
 *
 * @param clock the clock
 * @param zone the zone
 * @param expiries the lot expiry policies, in the order given
 * @param configured whether the zone or an expiry policy was set (a journal must then match)
 */
public record LedgerSettings(Clock clock, ZoneId zone, List<LotExpiry> expiries,
    boolean configured) {
  /** Copies the list. */
  public LedgerSettings {
    expiries = List.copyOf(expiries);
  }
}
