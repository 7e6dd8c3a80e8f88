-- #11 items 4 and 6 (grants; notices and maintenance).

-- R-12, R-83: one row per grant made from the admin screens (one resident or a CSV row). The key
-- is unique, and inserted in the same transaction as the grant, so the same request (a CSV file
-- uploaded twice, a double click) never grants twice. See BulkGrants for how the key is derived.
CREATE TABLE grant_request (
  idempotency_key VARCHAR(120)  NOT NULL PRIMARY KEY,
  tran_id         VARCHAR(64)   NOT NULL,
  granted_by      VARCHAR(100)  NOT NULL,
  granted_at      TIMESTAMP     NOT NULL
);

-- R-57: a window the city calls off before or while it runs; payments resume at once on the node
-- that cancelled it, within the snapshot's reload (30 s) on the others.
ALTER TABLE maintenance_window ADD COLUMN cancelled_at TIMESTAMP;
ALTER TABLE maintenance_window ADD COLUMN cancelled_by VARCHAR(100);

-- A notice the city withdraws is no longer shown (kept, never deleted: R-94).
ALTER TABLE notice ADD COLUMN withdrawn_at TIMESTAMP;
ALTER TABLE notice ADD COLUMN withdrawn_by VARCHAR(100);
