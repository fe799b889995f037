-- Lookup by message (issue 20): the versions a message caused, keyset-paged in key order (type, id, version), with a
-- scoped caller's type filter applied inside the index. It replaces 0010's one-column index on causation_id, which
-- this one covers, so a write that carries a causation id still maintains a single index entry for it.
CREATE INDEX journal_causation_key ON ivr.journal (causation_id, entity_type, entity_id, version)
    WHERE causation_id IS NOT NULL;

DROP INDEX ivr.journal_causation;
