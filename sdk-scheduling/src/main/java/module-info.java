/**
 * Linli scheduling: facility booking for neighbourhood centres, starting with China's public-holiday
 * calendar with make-up workdays (调休).
 */
module dev.linli.scheduling {
  requires transitive dev.linli.core;
  requires com.fasterxml.jackson.databind;

  exports dev.linli.scheduling.booking;
  exports dev.linli.scheduling.calendar;
}
