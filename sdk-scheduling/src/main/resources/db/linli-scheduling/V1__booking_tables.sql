-- Linli sdk-scheduling: the booking engine's state in PostgreSQL (14 or later).
-- Applied by PostgresBookingStore.installSchema, or by Flyway from classpath:db/linli-scheduling.
-- Times are timestamptz (instants); intervals are half-open [start, end), as in the engine.

CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Rule sets by resource, every version kept; the highest version is in force.
CREATE TABLE linli_rule_set (
  resource_id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  rules jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (resource_id, version)
);

-- Every booking ever accepted, in its latest status. The id is the request id, so this table is also
-- the idempotency record: a retried create answers from the row whoever inserted it.
CREATE TABLE linli_booking (
  id text PRIMARY KEY,
  resource_id text NOT NULL,
  resident_id text NOT NULL,
  household_id text NOT NULL,
  group_id text,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  seats integer NOT NULL CHECK (seats > 0),
  status text NOT NULL CHECK (status IN
    ('PENDING_APPROVAL', 'CONFIRMED', 'CHECKED_IN', 'CANCELLED', 'NO_SHOW')),
  holds_time boolean NOT NULL,
  exclusive boolean NOT NULL,
  -- the booked time, and the time it blocks with the resource's buffers when it was written
  period tstzrange GENERATED ALWAYS AS (tstzrange(start_at, end_at)) STORED,
  blocked tstzrange NOT NULL,
  accepted_at timestamptz NOT NULL,
  rule_version integer NOT NULL CHECK (rule_version >= 0),
  updated_at timestamptz NOT NULL,
  CHECK (end_at > start_at),
  CHECK (blocked @> period),
  -- The last line of defence for exclusive resources: even a bug above cannot double-book one.
  -- Deferred to commit, so a bump may insert the new booking before it cancels the displaced ones.
  CONSTRAINT linli_booking_exclusive_no_overlap
    EXCLUDE USING gist (resource_id WITH =, blocked WITH &&) WHERE (holds_time AND exclusive)
    DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX linli_booking_active_period ON linli_booking USING gist (resource_id, period)
  WHERE holds_time;
CREATE INDEX linli_booking_active_start ON linli_booking (resource_id, start_at) WHERE holds_time;
CREATE INDEX linli_booking_active_resident ON linli_booking (resident_id, resource_id, start_at)
  WHERE holds_time;
CREATE INDEX linli_booking_active_household ON linli_booking (household_id, resource_id, start_at)
  WHERE holds_time;
CREATE INDEX linli_booking_active_group ON linli_booking (group_id, resource_id, start_at)
  WHERE holds_time AND group_id IS NOT NULL;
CREATE INDEX linli_booking_confirmed_start ON linli_booking (start_at) WHERE status = 'CONFIRMED';

-- Each booking's history: who did what when, the booking before and after (JSON), and the rule-set
-- version the decision was made under.
CREATE TABLE linli_booking_history (
  seq bigserial PRIMARY KEY,
  booking_id text NOT NULL REFERENCES linli_booking (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  actor_id text NOT NULL,
  action text NOT NULL,
  before jsonb,
  after jsonb NOT NULL,
  rule_version integer NOT NULL CHECK (rule_version >= 0)
);
CREATE INDEX linli_booking_history_booking ON linli_booking_history (booking_id, seq);

-- No-shows, for bans: the start of each booking a resident missed.
CREATE TABLE linli_no_show (
  seq bigserial PRIMARY KEY,
  resident_id text NOT NULL,
  booking_start timestamptz NOT NULL
);
CREATE INDEX linli_no_show_resident ON linli_no_show (resident_id, booking_start);

-- Closures of a resource (and its parts).
CREATE TABLE linli_blackout (
  seq bigserial PRIMARY KEY,
  resource_id text NOT NULL,
  from_at timestamptz NOT NULL,
  to_at timestamptz NOT NULL,
  policy text NOT NULL CHECK (policy IN ('KEEP', 'CANCEL', 'REPORT')),
  reason text NOT NULL,
  period tstzrange GENERATED ALWAYS AS (tstzrange(from_at, to_at)) STORED,
  CHECK (to_at > from_at)
);
CREATE INDEX linli_blackout_period ON linli_blackout USING gist (resource_id, period);

-- Events for notifications, written in the same transaction as the change they report, so an
-- application that sends each row once and marks it published sends every message exactly once.
CREATE TABLE linli_booking_outbox (
  seq bigserial PRIMARY KEY,
  created_at timestamptz NOT NULL,
  kind text NOT NULL,
  booking_id text NOT NULL,
  resource_id text NOT NULL,
  resident_id text NOT NULL,
  rule_version integer NOT NULL,
  payload jsonb NOT NULL,
  published_at timestamptz
);
CREATE INDEX linli_booking_outbox_unpublished ON linli_booking_outbox (seq) WHERE published_at IS NULL;
