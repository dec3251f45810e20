-- Linli points ledger in PostgreSQL, schema version 1 (module sdk-points).
-- Instants are stored as bigint nanoseconds since 1970-01-01T00:00:00Z (the ledger's timestamps
-- have nanosecond steps, which timestamptz cannot hold). Points are bigint. See docs/formats.md.

CREATE TABLE linli_ledger_accounts (
  id               text    PRIMARY KEY,
  asset            text    NOT NULL,
  kind             text    NOT NULL,
  overdraft_limit  bigint  NOT NULL CHECK (overdraft_limit >= 0),
  user_data        text    NOT NULL,
  created_frozen   boolean NOT NULL,
  created_closed   boolean NOT NULL,
  frozen           boolean NOT NULL,
  closed           boolean NOT NULL,
  debits           bigint  NOT NULL DEFAULT 0 CHECK (debits >= 0),
  credits          bigint  NOT NULL DEFAULT 0 CHECK (credits >= 0),
  debits_pending   bigint  NOT NULL DEFAULT 0 CHECK (debits_pending >= 0),
  credits_pending  bigint  NOT NULL DEFAULT 0 CHECK (credits_pending >= 0),
  balance          bigint  GENERATED ALWAYS AS (credits - debits) STORED,
  last_at_ns       bigint  NOT NULL DEFAULT -9223372036854775808,
  -- A guard under the ledger's own check: an account with a limit never spends past it, pending
  -- holds included (9223372036854775807 means unlimited).
  CONSTRAINT linli_ledger_accounts_within_limit CHECK (CASE
    WHEN overdraft_limit = 9223372036854775807 THEN true
    ELSE credits - debits - debits_pending >= -overdraft_limit END)
);

-- One row per transfer, in commit order; never updated or deleted (see the trigger below).
CREATE TABLE linli_ledger_transfers (
  id                text   PRIMARY KEY,
  seq               bigint NOT NULL UNIQUE CHECK (seq >= 1),
  debit_account_id  text   NOT NULL REFERENCES linli_ledger_accounts (id),
  credit_account_id text   NOT NULL REFERENCES linli_ledger_accounts (id),
  amount            bigint NOT NULL CHECK (amount > 0),
  asset             text   NOT NULL,
  code              text   NOT NULL,
  user_data         text   NOT NULL,
  reverses          text,
  operator          text,
  at_ns             bigint NOT NULL,
  -- SHA-256 over the previous row's chain (32 zero bytes for seq 1) and this row's fields.
  chain             bytea  NOT NULL CHECK (length(chain) = 32),
  CHECK (debit_account_id <> credit_account_id)
);
CREATE INDEX linli_ledger_transfers_debit ON linli_ledger_transfers (debit_account_id, at_ns, seq);
CREATE INDEX linli_ledger_transfers_credit ON linli_ledger_transfers (credit_account_id, at_ns, seq);
CREATE INDEX linli_ledger_transfers_reverses ON linli_ledger_transfers (reverses)
  WHERE reverses IS NOT NULL;

CREATE FUNCTION linli_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'linli_ledger_transfers is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER linli_ledger_transfers_append_only
  BEFORE UPDATE OR DELETE ON linli_ledger_transfers
  FOR EACH ROW EXECUTE FUNCTION linli_ledger_refuse_change();
CREATE TRIGGER linli_ledger_transfers_no_truncate
  BEFORE TRUNCATE ON linli_ledger_transfers
  FOR EACH STATEMENT EXECUTE FUNCTION linli_ledger_refuse_change();

-- The head of the transfer chain: one row, locked and updated as the last statement of every
-- transaction that appends transfers, so chain order is commit order.
CREATE TABLE linli_ledger_chain (
  id    smallint PRIMARY KEY CHECK (id = 1),
  seq   bigint   NOT NULL,
  chain bytea    NOT NULL CHECK (length(chain) = 32)
);
INSERT INTO linli_ledger_chain (id, seq, chain) VALUES (1, 0, decode(repeat('00', 32), 'hex'));

-- Two-phase transfers; a hold changes state once (PENDING to POSTED, VOIDED or EXPIRED).
CREATE TABLE linli_ledger_holds (
  id                 text   PRIMARY KEY,
  debit_account_id   text   NOT NULL REFERENCES linli_ledger_accounts (id),
  credit_account_id  text   NOT NULL REFERENCES linli_ledger_accounts (id),
  amount             bigint NOT NULL CHECK (amount > 0),
  asset              text   NOT NULL,
  code               text   NOT NULL,
  user_data          text   NOT NULL,
  operator           text,
  created_at_ns      bigint NOT NULL,
  expires_at_ns      bigint NOT NULL,
  state              text   NOT NULL CHECK (state IN ('PENDING', 'POSTED', 'VOIDED', 'EXPIRED')),
  posted_transfer_id text
);
CREATE INDEX linli_ledger_holds_pending ON linli_ledger_holds (expires_at_ns, id)
  WHERE state = 'PENDING';
CREATE INDEX linli_ledger_holds_debit ON linli_ledger_holds (debit_account_id)
  WHERE state = 'PENDING';
CREATE INDEX linli_ledger_holds_credit ON linli_ledger_holds (credit_account_id)
  WHERE state = 'PENDING';

-- What is left of each credit to a member account of an expiring asset; a lot with nothing left
-- is deleted. Oldest first is (earned_at_ns, seq).
CREATE TABLE linli_ledger_lots (
  account_id    text   NOT NULL REFERENCES linli_ledger_accounts (id),
  source        text   NOT NULL,
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  amount        bigint NOT NULL CHECK (amount > 0),
  remaining     bigint NOT NULL CHECK (remaining > 0 AND remaining <= amount),
  earned_at_ns  bigint NOT NULL,
  expires_at_ns bigint NOT NULL,
  expirations   integer NOT NULL CHECK (expirations >= 0),
  PRIMARY KEY (account_id, source)
);
CREATE INDEX linli_ledger_lots_due ON linli_ledger_lots (expires_at_ns);
