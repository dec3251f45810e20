/**
 * Linli points: the volunteer points ledger (共富银行), a double-entry, idempotent, in-process ledger
 * for points (共富积分), service hours and other assets.
 */
module dev.linli.points {
  requires transitive dev.linli.core;

  exports dev.linli.points;
}
