-- The transparency log over the journal (issue 21): an RFC 9162 Merkle tree whose leaves are the journal's versions
-- in change-feed order, extended by one fenced writer that follows the feed (never the write path), and the signed
-- tree heads it issues. Every perfect subtree is kept (log_nodes, about two rows per leaf), so any inclusion or
-- consistency proof reads O(log n) rows by primary key.

CREATE SCHEMA ivr_audit;
REVOKE ALL ON SCHEMA ivr_audit FROM PUBLIC;
GRANT USAGE ON SCHEMA ivr_audit TO ivr_storage_writer;

CREATE TABLE ivr_audit.log_state
(
    name                text        NOT NULL PRIMARY KEY,
    -- Fencing token, as ivr_read.projections: each writer that claims the log bumps it; an extension commits only
    -- while the epoch is still its own and the size is the one it extended from.
    epoch               bigint      NOT NULL DEFAULT 0,
    tree_size           bigint      NOT NULL DEFAULT 0,
    checkpoint_tx       bigint      NOT NULL DEFAULT 0,
    checkpoint_position bigint      NOT NULL DEFAULT 0,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ivr_audit.log_leaves
(
    leaf_index  bigint NOT NULL PRIMARY KEY,
    entity_type text   NOT NULL,
    entity_id   text   NOT NULL,
    version     bigint NOT NULL,
    chain_hash  bytea  NOT NULL,
    UNIQUE (entity_type, entity_id, version)
);

CREATE TABLE ivr_audit.log_nodes
(
    level smallint NOT NULL,
    idx   bigint   NOT NULL,
    hash  bytea    NOT NULL,
    PRIMARY KEY (level, idx)
);

-- One head per size, whatever raced: two writers can never both publish a head for the same size.
CREATE TABLE ivr_audit.log_heads
(
    tree_size          bigint      NOT NULL PRIMARY KEY,
    root_hash          bytea       NOT NULL,
    signed_at          timestamptz NOT NULL,
    previous_head_hash bytea       NOT NULL,
    key_id             text        NOT NULL,
    signature          bytea       NOT NULL
);

-- The writer runs as the runtime role: it moves its own state row and appends; it can change no leaf, node or head.
GRANT SELECT, INSERT, UPDATE ON ivr_audit.log_state TO ivr_storage_writer;
GRANT SELECT, INSERT ON ivr_audit.log_leaves, ivr_audit.log_nodes, ivr_audit.log_heads TO ivr_storage_writer;
