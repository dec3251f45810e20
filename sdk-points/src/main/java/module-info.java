/**
 * Linli points: the volunteer points ledger (共富银行), a double-entry, idempotent, in-process ledger
 * for points (共富积分), service hours and other assets.
 */
module dev.linli.points {
  requires transitive dev.linli.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.fasterxml.jackson.dataformat.csv;
  requires org.slf4j;

  exports dev.linli.points;
  exports dev.linli.points.journal;
  exports dev.linli.points.report;
  exports dev.linli.points.timebank;
  exports dev.linli.points.volunteering;

  // Jackson builds the rule records reflectively.
  opens dev.linli.points to com.fasterxml.jackson.databind;
  opens dev.linli.points.timebank to com.fasterxml.jackson.databind;
  // The services' facts are stored as JSON (see FactLog).
  opens dev.linli.points.volunteering to com.fasterxml.jackson.databind;
}
