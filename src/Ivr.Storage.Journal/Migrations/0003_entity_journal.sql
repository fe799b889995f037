-- The append-only journal of entity versions: the source of truth of IVR.Storage.
-- Every version of every entity is one row; nothing is ever updated or deleted.

DO $$
BEGIN
    -- Runtime connections log in as a member of this group role; the migrations grant it only what the silos need.
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ivr_storage_writer') THEN
        CREATE ROLE ivr_storage_writer NOLOGIN;
    END IF;
END
$$;

CREATE SCHEMA ivr;

CREATE TABLE ivr.journal
(
    entity_type     text        NOT NULL,
    entity_id       text        NOT NULL,
    -- The fence: (entity_type, entity_id, version) is the primary key, so of two activations
    -- of one grain that both try to write version n, exactly one succeeds.
    version         bigint      NOT NULL CHECK (version >= 1),
    kind            smallint    NOT NULL CHECK (kind BETWEEN 1 AND 4),  -- 1 put, 2 patch, 3 delete, 4 revert
    payload         jsonb,                                            -- state after this version; NULL for a delete
    committed_at    timestamptz NOT NULL,
    source          text        NOT NULL,
    correlation_id  text,
    causation_id    text,
    actor           text,
    reason          text,
    idempotency_key text,
    request_hash    bytea,                                            -- fingerprint of the request that carried the key
    schema_version  integer,
    tags            jsonb,
    prev_hash       bytea       NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash            bytea       NOT NULL CHECK (octet_length(hash) = 32),
    -- Assigned at insert; with tx_id it orders the change feed (see README, "Change feed").
    position        bigint      GENERATED ALWAYS AS IDENTITY,
    tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT journal_pk PRIMARY KEY (entity_type, entity_id, version),
    CONSTRAINT journal_delete_has_no_payload CHECK ((kind = 3) = (payload IS NULL))
);

-- An idempotency key is used at most once per entity, even by two racing activations.
CREATE UNIQUE INDEX journal_idempotency_key
    ON ivr.journal (entity_type, entity_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

-- As-of reads: the latest version committed at or before a time.
CREATE INDEX journal_as_of ON ivr.journal (entity_type, entity_id, committed_at);

CREATE FUNCTION ivr.journal_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'ivr.journal is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'A change to an entity is a new version; history is never rewritten.';
END
$$;

CREATE TRIGGER journal_no_update_or_delete
    BEFORE UPDATE OR DELETE ON ivr.journal
    FOR EACH ROW EXECUTE FUNCTION ivr.journal_refuse_change();

CREATE TRIGGER journal_no_truncate
    BEFORE TRUNCATE ON ivr.journal
    FOR EACH STATEMENT EXECUTE FUNCTION ivr.journal_refuse_change();

REVOKE ALL ON SCHEMA ivr FROM PUBLIC;
REVOKE ALL ON ivr.journal FROM PUBLIC;
GRANT USAGE ON SCHEMA ivr TO ivr_storage_writer;
GRANT SELECT, INSERT ON ivr.journal TO ivr_storage_writer;

-- Orleans' own grain storage (0002) is rewritten in place by design; the writer role needs full access to it.
GRANT SELECT ON TABLE OrleansQuery TO ivr_storage_writer;
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE OrleansStorage TO ivr_storage_writer;
