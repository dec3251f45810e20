package dev.linli.scheduling.ballot;

import dev.linli.scheduling.engine.BookingEngine;

/** The ballot contract on an engine in memory. */
class BallotTest extends BallotContract {
  @Override
  BookingEngine.Builder emptyStore(BookingEngine.Builder builder) {
    return builder;
  }
}
