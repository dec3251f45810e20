/**
 * Public service facilities and what they are: {@link dev.linli.core.facility.Facility}, the
 * {@link dev.linli.core.facility.FacilityTaxonomy} of categories and types (the Hangzhou taxonomy
 * bundled) and {@link dev.linli.core.facility.OpeningHours} in the OpenStreetMap syntax subset.
 *
 * <p>Guarantees: values validate when built and are immutable and thread-safe; opening hours are
 * local times of the facility's community (no zone is assumed from the machine).
 *
 * @since 0.1.0
 */
package dev.linli.core.facility;
