-- The analytical read model (CQRS) lives in a schema of its own and is never read by the write path.
-- Its tables are rebuildable from the journal: the projector creates one table set per generation
-- (ivr_read.entities_g1, ...), and views (ivr_read.entities, ivr_read.stats_hourly) point at the active one.

CREATE SCHEMA ivr_read;
REVOKE ALL ON SCHEMA ivr_read FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA ivr_read TO ivr_storage_writer;

CREATE TABLE ivr_read.projections
(
    name                text        NOT NULL PRIMARY KEY,
    -- Fencing token: every projector instance that claims the projection bumps it, and every batch commits only
    -- while the epoch is still its own, so a stale duplicate instance can never write.
    epoch               bigint      NOT NULL DEFAULT 0,
    generation          integer     NOT NULL DEFAULT 1,
    checkpoint_tx       bigint      NOT NULL DEFAULT 0,
    checkpoint_position bigint      NOT NULL DEFAULT 0,
    last_committed_at   timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE ON ivr_read.projections TO ivr_storage_writer;
