/**
 * China's public-holiday calendar with make-up workdays (调休): which dates are holidays, which
 * weekend days are worked, and which years are known. Bundled years load from resources; newer
 * years can be added from JSON. Imports nothing else of scheduling; immutable and thread-safe.
 */
package dev.linli.scheduling.calendar;
