package dev.linli.points.internal;

import java.util.ArrayList;
import java.util.List;

/** Tests only: keeps every event a ledger emits, in order, each durable at once. */
public final class RecordingSink implements LedgerEventSink {
  /** The events, in the order appended. */
  public final List<LedgerEvent> events = new ArrayList<>();

  @Override
  public void checkUsable() {}

  @Override
  public void append(LedgerEvent event) {
    events.add(event);
  }

  @Override
  public long appended() {
    return events.size();
  }

  @Override
  public void awaitDurable(long ticket) {}
}
