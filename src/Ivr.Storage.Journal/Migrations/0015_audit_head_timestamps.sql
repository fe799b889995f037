-- RFC 3161 timestamp tokens of signed heads (issue 21): when AuditLog:TimestampAuthorityUrl is set, the log asks an
-- outside authority to sign each head's hash and stores the token (DER) with the head, in the same insert; the head
-- sinks export it and ivr-storage-verify checks it. Null for heads signed without an authority. The writer's grant
-- (INSERT, SELECT on the table, migration 0011) covers the new column; it still cannot update a head.

ALTER TABLE ivr_audit.log_heads ADD COLUMN timestamp_token bytea;
