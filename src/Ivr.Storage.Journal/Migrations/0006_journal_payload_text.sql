-- The journal keeps each payload as the canonical JSON text (RFC 8785) the silo computed and hashed, instead of jsonb.
-- Nothing queries inside journal payloads (queries go to the read model), so parsing every payload into jsonb on
-- insert and printing it back on every read was pure cost on the hot path. Rows written before this migration keep
-- jsonb's text form; readers canonicalize what they read, so their hashes still verify.
-- ALTER TABLE does not fire the append-only row triggers: rewriting the column's type is a schema change, not an
-- UPDATE of history, and it keeps every value.
ALTER TABLE ivr.journal ALTER COLUMN payload TYPE text USING payload::text;
