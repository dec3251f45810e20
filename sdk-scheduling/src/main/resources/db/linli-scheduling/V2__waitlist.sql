-- Linli sdk-scheduling: waitlists (候补) in PostgreSQL, beside the booking tables of V1.
-- Every step of a waitlist runs in one transaction that first takes the advisory lock of its
-- waitlist, so application instances on one database share one queue and never offer a seat twice.

-- One row per waitlist: the slot it waits for, named by the template request's id.
CREATE TABLE linli_waitlist (
  id text PRIMARY KEY,
  resource_id text NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  seats integer NOT NULL CHECK (seats > 0),
  group_id text,
  -- the sequence the next person to join gets: join order breaks ties of priority
  next_sequence bigint NOT NULL DEFAULT 0 CHECK (next_sequence >= 0),
  created_at timestamptz NOT NULL,
  CHECK (end_at > start_at)
);

-- People waiting, until they get an offer.
CREATE TABLE linli_waitlist_entry (
  waitlist_id text NOT NULL REFERENCES linli_waitlist (id),
  resident_id text NOT NULL,
  household_id text NOT NULL,
  priority integer NOT NULL,
  joined_at timestamptz NOT NULL,
  sequence bigint NOT NULL CHECK (sequence >= 0),
  PRIMARY KEY (waitlist_id, resident_id),
  UNIQUE (waitlist_id, sequence)
);
CREATE INDEX linli_waitlist_entry_order ON linli_waitlist_entry
  (waitlist_id, priority DESC, sequence);

-- Offers of a freed seat, every one kept: OPEN until accepted, declined or expired.
CREATE TABLE linli_waitlist_offer (
  seq bigserial PRIMARY KEY,
  waitlist_id text NOT NULL REFERENCES linli_waitlist (id),
  resident_id text NOT NULL,
  household_id text NOT NULL,
  offered_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('OPEN', 'ACCEPTED', 'DECLINED', 'EXPIRED')),
  ended_at timestamptz,
  CHECK (expires_at > offered_at),
  CHECK ((state = 'OPEN') = (ended_at IS NULL))
);
-- One open offer per person and waitlist.
CREATE UNIQUE INDEX linli_waitlist_offer_open ON linli_waitlist_offer (waitlist_id, resident_id)
  WHERE state = 'OPEN';
