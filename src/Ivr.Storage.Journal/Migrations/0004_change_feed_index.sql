-- The change feed reads the journal in (transaction, position) order below the oldest running transaction.
CREATE INDEX journal_feed ON ivr.journal (tx_id, position);
