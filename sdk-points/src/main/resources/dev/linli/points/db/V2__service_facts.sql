-- Linli points services in PostgreSQL, schema version 2 (module sdk-points): the facts the
-- services (volunteering, wish board, time bank, catalogue, alliance) fold their state from.
-- One row per fact, numbered from 1 within its stream without gaps; a step inserts its facts in
-- the transaction that makes its ledger changes, holding the stream's advisory lock. See
-- docs/formats.md.

CREATE TABLE linli_points_facts (
  stream       text        NOT NULL CHECK (stream <> ''),
  seq          bigint      NOT NULL CHECK (seq >= 1),
  kind         text        NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,39}$'),
  payload      text        NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream, seq)
);

CREATE FUNCTION linli_points_facts_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'linli_points_facts is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER linli_points_facts_append_only
  BEFORE UPDATE OR DELETE ON linli_points_facts
  FOR EACH ROW EXECUTE FUNCTION linli_points_facts_refuse_change();
CREATE TRIGGER linli_points_facts_no_truncate
  BEFORE TRUNCATE ON linli_points_facts
  FOR EACH STATEMENT EXECUTE FUNCTION linli_points_facts_refuse_change();
