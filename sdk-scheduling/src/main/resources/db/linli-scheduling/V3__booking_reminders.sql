-- Linli sdk-scheduling: reminders of upcoming bookings, beside the booking tables of V1.
-- One row per reminder sent: a booking at a start, reminded at a lead time. The primary key makes a
-- reminder exactly once across application instances (INSERT … ON CONFLICT DO NOTHING in the same
-- statement as its outbox row); a booking moved to another start is reminded again. No foreign key
-- to linli_booking: reminders are only ever written for bookings already committed, and a foreign
-- key would make every TRUNCATE of linli_booking name this table too.

CREATE TABLE linli_booking_reminder (
  booking_id text NOT NULL,
  start_at timestamptz NOT NULL,
  lead_time interval NOT NULL CHECK (lead_time > interval '0'),
  due_at timestamptz NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (booking_id, start_at, lead_time)
);
