/**
 * The people of a neighbourhood and what they do together: residents, volunteers, teams,
 * organisations, public-benefit activities and micro-wishes ({@link dev.linli.core.people.Wish}).
 *
 * <p>Guarantees: records validate in their constructors (ids, names, time order) and are immutable
 * and thread-safe; instants are UTC {@link java.time.Instant}s, shown in the community's zone
 * (Asia/Shanghai by default) by the caller.
 *
 * @since 0.1.0
 */
package dev.linli.core.people;
