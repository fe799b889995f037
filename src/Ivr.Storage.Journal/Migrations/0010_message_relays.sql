-- RabbitMQ (issue 20). Outbound: one row per named message relay, fenced like ivr_read.projections (0005): every
-- relay instance that claims a name bumps its epoch, and a checkpoint moves only while the epoch is still the
-- mover's, so a paused or duplicate relay can never move the checkpoint of a newer one (it may publish duplicates,
-- with the same message id, never advance past what the newer one has not confirmed).
CREATE TABLE ivr.message_relays
(
    name                text        NOT NULL PRIMARY KEY,
    epoch               bigint      NOT NULL DEFAULT 0,
    checkpoint_tx       bigint      NOT NULL DEFAULT 0,
    checkpoint_position bigint      NOT NULL DEFAULT 0,
    last_committed_at   timestamptz,
    updated_at          timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE ON ivr.message_relays TO ivr_storage_writer;

-- Lookup by message: the versions a message caused (its message id is the writes' causation id).
CREATE INDEX journal_causation ON ivr.journal (causation_id) WHERE causation_id IS NOT NULL;
