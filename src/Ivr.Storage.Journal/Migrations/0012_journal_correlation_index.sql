-- Versions by correlation id (issue 23: the console links a version to the others of the same correlation).
-- Partial: most writes carry no correlation id and cost this index nothing; position orders a page newest first
-- (insert order) and is its keyset cursor. No grant: the runtime role already reads ivr.journal.
CREATE INDEX journal_correlation ON ivr.journal (correlation_id, position) WHERE correlation_id IS NOT NULL;
