-- Least privilege for the runtime role (issue 15, finding 4).
-- The runtime role appended rows with a table-wide INSERT, so it could supply tx_id and (with OVERRIDING SYSTEM
-- VALUE) position: a forged row could be placed behind the cursors of feed readers, which would never see it.
-- Now it may insert only the columns a silo writes; tx_id and position come from their defaults, always.
REVOKE INSERT ON ivr.journal FROM ivr_storage_writer;
GRANT INSERT (entity_type, entity_id, version, kind, payload, committed_at, source, correlation_id, causation_id,
              actor, reason, idempotency_key, request_hash, schema_version, tags, prev_hash, hash)
    ON ivr.journal TO ivr_storage_writer;

-- Orleans' grain storage procedure (0002): PUBLIC could execute it; only the runtime role needs to.
REVOKE EXECUTE ON FUNCTION writetostorage(integer, bigint, bigint, integer, character varying, character varying,
                                          character varying, integer, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION writetostorage(integer, bigint, bigint, integer, character varying, character varying,
                                         character varying, integer, bytea) TO ivr_storage_writer;

-- Functions the owner creates from now on are not executable by everyone either (PostgreSQL's default is PUBLIC).
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
