/**
 * Season allocation of recurring slots to groups: fair rounds of maximum matchings, with a greedy
 * baseline and a maximum-flow optimum to compare against. Stateless and thread-safe.
 */
package dev.linli.scheduling.allocation;
