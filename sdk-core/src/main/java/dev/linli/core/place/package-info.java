/**
 * The places of a city from district down to household: districts (区), subdistricts (街道),
 * communities (社区), estates, buildings, households, grids and neighbourhood centres, with
 * {@link dev.linli.core.place.Population} by age band.
 *
 * <p>Guarantees: records validate in their constructors (ids, counts &ge; 0, coordinates in range)
 * and are immutable and thread-safe; references between places are checked when they are put
 * together in a {@link dev.linli.core.city.City}.
 *
 * @since 0.1.0
 */
package dev.linli.core.place;
