/**
 * A whole city's neighbourhood data as one value: {@link dev.linli.core.city.City}, made only by
 * {@link dev.linli.core.city.CityBuilder} (from {@code City.builder()} or {@code toBuilder()}), and
 * the reproducible {@link dev.linli.core.city.SyntheticCity} generator shaped on Hangzhou.
 *
 * <p>Guarantees: a {@code City} exists only with unique ids within each kind and every reference
 * resolved (the builder reports every problem before building); it is immutable and thread-safe.
 * A generator seed gives the same city on every JDK and machine.
 *
 * @since 0.1.0
 */
package dev.linli.core.city;
