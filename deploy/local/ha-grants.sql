-- HA only (deploy/local/ha.sh, run as the superuser on the primary after roles.sql): lets the runtime role read how far
-- the synchronous standby has flushed the WAL, without making it a member of pg_read_all_stats (roles.sql takes back
-- every membership it does not expect). The change feed delivers only rows at or below that point
-- (Journal:FeedRequiresSyncStandby, deploy/README.md "High availability"). Idempotent.
CREATE SCHEMA IF NOT EXISTS ivr_ha AUTHORIZATION postgres;
REVOKE ALL ON SCHEMA ivr_ha FROM PUBLIC;

-- The lowest flush position of the synchronous standbys, null when none is synchronous (then nothing new is durable
-- beyond the primary, and the feed waits). SECURITY DEFINER with a fixed search_path: it runs as postgres.
CREATE OR REPLACE FUNCTION ivr_ha.sync_standby_flush_lsn() RETURNS pg_lsn
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS
$$ SELECT min(flush_lsn) FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum') $$;

REVOKE ALL ON FUNCTION ivr_ha.sync_standby_flush_lsn() FROM PUBLIC;
GRANT USAGE ON SCHEMA ivr_ha TO ivr_storage_writer;
GRANT EXECUTE ON FUNCTION ivr_ha.sync_standby_flush_lsn() TO ivr_storage_writer;
