/**
 * The 15-minute service-circle health check (社区体检): standards of which facility types a resident
 * should reach within which distance ({@link dev.linli.core.circle.CircleStandard}, GB 50180-2018
 * bundled, with the ages each type serves), weights ({@link dev.linli.core.circle.IndexWeights}),
 * travel models (straight line, a {@link dev.linli.core.circle.WalkNetwork} or a
 * {@link dev.linli.core.circle.TravelMatrix}), homes inside community boundaries
 * ({@link dev.linli.core.circle.BoundaryOrigins}), the five-star, three-colour rating
 * ({@link dev.linli.core.circle.StarRating}), the {@link dev.linli.core.circle.HealthCheck} that
 * scores every community into a {@link dev.linli.core.circle.HealthCheckResult}, greedy
 * {@link dev.linli.core.circle.Siting} of new facilities, and
 * {@link dev.linli.core.circle.HealthCheckReports} writing CSV, JSON and GeoJSON.
 *
 * <p>Guarantees: results are data (no drawing, no HTML: applications draw them); the same city and
 * settings give the same result and the same bytes with any thread count; distances are metres,
 * indexes 0 to 100. Configured objects and results are immutable and thread-safe.
 *
 * @since 0.1.0
 */
package dev.linli.core.circle;
