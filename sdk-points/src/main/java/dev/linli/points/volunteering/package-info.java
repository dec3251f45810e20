/**
 * Volunteering on a time bank: public-benefit activities (公益活动) from sign-up through check-in,
 * check-out and confirmation to awarded hours, and micro-wishes (微心愿) with escrowed points.
 *
 * <p>What lives here: {@link dev.linli.points.volunteering.Volunteering},
 * {@link dev.linli.points.volunteering.WishBoard} and their values (plans, roles, eligibility,
 * attendance), and the requests their steps take ({@link dev.linli.points.volunteering.Participant},
 * {@link dev.linli.points.volunteering.ActivityCancellation},
 * {@link dev.linli.points.volunteering.WishRequest}).
 *
 * <p>What it guarantees: every step is a {@link dev.linli.points.timebank.ServiceResult}
 * (accepted with a typed state, or rejected with a stable code and a message) and a rejected step
 * changes nothing; hours are awarded once per attendance; escrowed points are paid or returned
 * exactly once. Thread-safe; instants stored, days counted in the
 * community's zone.
 *
 * @since 0.1.0
 */
package dev.linli.points.volunteering;
