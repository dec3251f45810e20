/**
 * The banquet hall (家宴馆): headcount limits, a fee in CNY (fen) and/or points, a deposit and a
 * refund schedule by cancellation notice, over a resource whose rules ask for the centre's
 * approval and whose buffer leaves time to clean.
 *
 * @since 0.2.0
 */
package dev.linli.scheduling.banquet;
