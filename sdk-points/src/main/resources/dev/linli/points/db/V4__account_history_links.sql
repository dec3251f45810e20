-- Linli points ledger, schema version 4 (module sdk-points): per-account history as links instead
-- of two indexes over every transfer. Each transfer row names, for its debit and its credit
-- account, the seq of that account's previous transfer (NULL for its first) and how many transfers
-- the account has with this one; every 64th transfer of an account (a milestone) also carries the
-- account's posted debits and credits after it, and only milestones are indexed. An account's
-- history is walked back from the first milestone at or after the end of the period asked for (or
-- from its last transfer, which the account row names): at most 64 rows before the period starts.
-- A transfer's times only increase along an account's transfers (a transaction stamps its transfers
-- after every time its locked accounts have seen), so the walk can stop at the period's start.
-- The two indexes cost a batch of 8,190 transfers about a third of its insert time: every row put
-- an entry in the middle of each of two account-keyed indexes; the links are two columns per side.
-- LedgerTableVerifier recomputes every link, count and milestone from the transfers themselves.
ALTER TABLE linli_ledger_accounts
  ADD COLUMN last_seq  bigint CHECK (last_seq >= 1),
  ADD COLUMN transfers bigint NOT NULL DEFAULT 0 CHECK (transfers >= 0);

ALTER TABLE linli_ledger_transfers
  ADD COLUMN debit_prev             bigint CHECK (debit_prev >= 1),
  ADD COLUMN debit_n                bigint CHECK (debit_n >= 1),
  ADD COLUMN debit_account_debits   bigint,
  ADD COLUMN debit_account_credits  bigint,
  ADD COLUMN credit_prev            bigint CHECK (credit_prev >= 1),
  ADD COLUMN credit_n               bigint CHECK (credit_n >= 1),
  ADD COLUMN credit_account_debits  bigint,
  ADD COLUMN credit_account_credits bigint;

-- Links for the transfers stored before this version (the append-only trigger is set aside for
-- this one update of columns that did not exist; the chain hashes do not cover them).
ALTER TABLE linli_ledger_transfers DISABLE TRIGGER linli_ledger_transfers_append_only;
WITH sides AS (
  SELECT seq, debit_account_id AS account, amount AS debit, 0::bigint AS credit, true AS is_debit
    FROM linli_ledger_transfers
  UNION ALL
  SELECT seq, credit_account_id, 0, amount, false FROM linli_ledger_transfers),
links AS (
  SELECT seq, account, is_debit,
    lag(seq) OVER w AS prev,
    row_number() OVER w AS n,
    sum(debit) OVER w AS debits,
    sum(credit) OVER w AS credits
  FROM sides WINDOW w AS (PARTITION BY account ORDER BY seq))
UPDATE linli_ledger_transfers t SET
  debit_prev = d.prev,
  debit_n = d.n,
  debit_account_debits = CASE WHEN d.n % 64 = 0 THEN d.debits END,
  debit_account_credits = CASE WHEN d.n % 64 = 0 THEN d.credits END,
  credit_prev = c.prev,
  credit_n = c.n,
  credit_account_debits = CASE WHEN c.n % 64 = 0 THEN c.debits END,
  credit_account_credits = CASE WHEN c.n % 64 = 0 THEN c.credits END
FROM links d, links c
WHERE d.seq = t.seq AND d.is_debit AND c.seq = t.seq AND NOT c.is_debit;
ALTER TABLE linli_ledger_transfers ENABLE TRIGGER linli_ledger_transfers_append_only;
ALTER TABLE linli_ledger_transfers ADD CONSTRAINT linli_ledger_transfers_links_back
  CHECK (debit_prev < seq AND credit_prev < seq);

UPDATE linli_ledger_accounts a SET last_seq = l.last_seq, transfers = l.transfers
FROM (SELECT account, max(seq) AS last_seq, count(*) AS transfers FROM (
    SELECT seq, debit_account_id AS account FROM linli_ledger_transfers
    UNION ALL
    SELECT seq, credit_account_id FROM linli_ledger_transfers) s
  GROUP BY account) l
WHERE a.id = l.account;

DROP INDEX linli_ledger_transfers_debit;
DROP INDEX linli_ledger_transfers_credit;
CREATE INDEX linli_ledger_transfers_debit_milestones
  ON linli_ledger_transfers (debit_account_id, at_ns, seq) WHERE debit_n % 64 = 0;
CREATE INDEX linli_ledger_transfers_credit_milestones
  ON linli_ledger_transfers (credit_account_id, at_ns, seq) WHERE credit_n % 64 = 0;
