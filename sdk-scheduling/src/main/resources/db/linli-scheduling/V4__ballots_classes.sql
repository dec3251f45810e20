-- Linli sdk-scheduling: ballots and classes on the booking tables of V1.
-- A ballot's winners hold their place as AWAITING_CLAIM until they claim it (then CONFIRMED) or the
-- claim deadline passes (then CANCELLED, and the place goes to the ballot's reserve list).
ALTER TABLE linli_booking DROP CONSTRAINT linli_booking_status_check;
ALTER TABLE linli_booking ADD CONSTRAINT linli_booking_status_check CHECK (status IN
  ('PENDING_APPROVAL', 'CONFIRMED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW', 'AWAITING_CLAIM'));

-- A class's waitlist (候补): people who asked to enrol in a full class, in join order. A waiting
-- row leaves the queue as ENROLLED (every remaining session booked at once) or LEFT.
CREATE TABLE linli_class_waitlist (
  class_id text NOT NULL,
  resident_id text NOT NULL,
  household_id text NOT NULL,
  sequence bigint NOT NULL CHECK (sequence >= 0),
  joined_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('WAITING', 'ENROLLED', 'LEFT')),
  ended_at timestamptz,
  PRIMARY KEY (class_id, resident_id),
  UNIQUE (class_id, sequence),
  CHECK ((state = 'WAITING') = (ended_at IS NULL))
);
