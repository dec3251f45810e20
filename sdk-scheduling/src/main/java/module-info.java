/**
 * Linli scheduling: facility booking for neighbourhood centres, starting with China's public-holiday
 * calendar with make-up workdays (调休).
 */
module dev.linli.scheduling {
  requires transitive dev.linli.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires com.github.benmanes.caffeine;

  exports dev.linli.scheduling.booking;
  exports dev.linli.scheduling.engine;
  exports dev.linli.scheduling.calendar;
  exports dev.linli.scheduling.rule;
  exports dev.linli.scheduling.series;
  exports dev.linli.scheduling.ical;
  exports dev.linli.scheduling.lottery;
  exports dev.linli.scheduling.waitlist;
  exports dev.linli.scheduling.allocation;
  exports dev.linli.scheduling.ballot;
  exports dev.linli.scheduling.course;
  exports dev.linli.scheduling.banquet;

  // Jackson builds the rule records reflectively.
  opens dev.linli.scheduling.rule to com.fasterxml.jackson.databind;
  opens dev.linli.scheduling.course to com.fasterxml.jackson.databind;
  opens dev.linli.scheduling.banquet to com.fasterxml.jackson.databind;
}
