-- The database checks every appended row's commit time against its own clock (issue 15, finding 4): the runtime
-- role can no longer backdate or postdate a version, which would change what as-of reads and history show.
--
-- The window is [clock_timestamp() - 30 s, clock_timestamp() + 5 s], the trigger's two arguments.
-- Behind: a silo stamps a version (CommitClock: its clock, truncated to microseconds) before the version waits in
--   the group-commit queue and its statement runs, so a stamp is always a little in the past; 30 s is the client's
--   response timeout (a caller waiting longer has given up) and leaves room for a loaded host or a GC pause.
-- Ahead: a stamp is ahead of the database only by the difference between the silo's and the server's clocks, or
--   after a silo's clock stepped back (CommitClock keeps an entity's times strictly increasing, one microsecond
--   after the previous version); 5 s is far more than NTP-synchronised hosts ever differ.
-- A refused row fails its own write only (group commit splits the batch); the caller gets StoreUnavailableException
-- and a retry with the same idempotency key stamps the version anew. Change the window as the owner with
--   CREATE OR REPLACE TRIGGER journal_commit_time_window BEFORE INSERT ON ivr.journal FOR EACH ROW
--       EXECUTE FUNCTION ivr.journal_check_commit_time('<behind>', '<ahead>');
--
-- Members of the NOLOGIN role ivr_storage_clock_exempt (created by the bootstrap, deploy/local/roles.sql) may stamp
-- any time. Production has no member; the local services add one login role for test clusters that run a fake clock
-- starting in the past (tests/Ivr.Storage.Testing/EntityClusterFixture.cs). Superusers count as members of every role.

CREATE FUNCTION ivr.journal_check_commit_time() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    database_now timestamptz := clock_timestamp();
BEGIN
    IF NEW.committed_at BETWEEN database_now - TG_ARGV[0]::interval AND database_now + TG_ARGV[1]::interval THEN
        RETURN NEW;
    END IF;

    -- Only when the time is off (never on the hot path): a role that does not exist exempts nobody.
    IF to_regrole('ivr_storage_clock_exempt') IS NOT NULL THEN
        IF pg_has_role(current_user, 'ivr_storage_clock_exempt', 'MEMBER') THEN
            RETURN NEW;
        END IF;
    END IF;

    RAISE EXCEPTION 'ivr.journal: committed_at % of %/% version % is outside the database clock''s window (% - %, % + %)',
        NEW.committed_at, NEW.entity_type, NEW.entity_id, NEW.version, database_now, TG_ARGV[0], database_now, TG_ARGV[1]
        USING ERRCODE = 'check_violation',
              HINT = 'Commit times come from the silo''s clock: keep silos and the database server in time (NTP).';
END
$$;

REVOKE EXECUTE ON FUNCTION ivr.journal_check_commit_time() FROM PUBLIC;

CREATE TRIGGER journal_commit_time_window
    BEFORE INSERT ON ivr.journal
    FOR EACH ROW EXECUTE FUNCTION ivr.journal_check_commit_time('30 seconds', '5 seconds');
