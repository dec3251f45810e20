-- Linli points ledger, schema version 5 (module sdk-points): the batch gate. A transaction of the
-- ledger's own that locks many accounts at once (a linked batch or a group of submits naming 64 or
-- more accounts) first takes this empty table's lock (LOCK TABLE ... IN EXCLUSIVE MODE), so such
-- transactions queue here instead of on the account rows. A statement that waits for a row lock
-- keeps its snapshot while it waits, and with it every version of the account rows updated since:
-- with four clients submitting batches over the same 1,000 members, pruning and VACUUM could
-- remove nothing while one of them was waiting (in a scratch probe the table of 1,001 accounts
-- reached 100 MB in 40 seconds), and the batches ran at a sixth of one client's rate. LOCK TABLE
-- takes no snapshot while it waits. A transaction that locks fewer accounts never takes the gate,
-- and one that takes it takes it before any other lock, so no transaction waits for the gate
-- while holding a row that the gate's holder needs.
CREATE TABLE linli_ledger_batch_gate (
  id smallint PRIMARY KEY CHECK (id = 1)
);
