-- The bootstrap step of IVR.Storage: roles and database. Run as a superuser (or a dedicated bootstrap role with
-- CREATEROLE and CREATEDB) by deploy/local/services.sh, the compose initdb script, or by hand before the first
-- `silo migrate` (Kubernetes, see deploy/README.md). Nothing at run time needs this step's role.
-- Idempotent: every step checks first, so the output says what was done and a rerun does nothing; a rerun also
-- takes back attributes and memberships the roles must not have (e.g. granted while the owner still had CREATEROLE).
-- Expects psql variables owner_password and app_password (set on stdin, never on a command line); with
-- test_clock_password set (local services only, never in production) it also creates ivr_storage_test_clock.
--
-- ivr_storage_owner         owns the database and its objects, runs the migrations. No CREATEROLE, CREATEDB,
--                           SUPERUSER, REPLICATION or BYPASSRLS, member of nothing: it cannot create roles or grant
--                           itself predefined roles such as pg_execute_server_program.
-- ivr_storage_writer        NOLOGIN group the migrations grant the runtime privileges to.
-- ivr_storage_app           what silos log in as: member of ivr_storage_writer only.
-- ivr_storage_clock_exempt  NOLOGIN; its members may stamp journal rows with any commit time (migration 0008).
--                           No member in production.

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ivr_storage_writer') AS missing \gset
\if :missing
  -- A group role: migrations grant table privileges to it, never to a login role.
  CREATE ROLE ivr_storage_writer NOLOGIN;
  \echo created role ivr_storage_writer
\endif

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ivr_storage_clock_exempt') AS missing \gset
\if :missing
  CREATE ROLE ivr_storage_clock_exempt NOLOGIN;
  \echo created role ivr_storage_clock_exempt
\endif

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ivr_storage_owner') AS missing \gset
\if :missing
  CREATE ROLE ivr_storage_owner LOGIN PASSWORD :'owner_password';
  \echo created role ivr_storage_owner
\endif

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ivr_storage_app') AS missing \gset
\if :missing
  CREATE ROLE ivr_storage_app LOGIN PASSWORD :'app_password';
  \echo created role ivr_storage_app
\endif

\if :{?test_clock_password}
  SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ivr_storage_test_clock') AS missing \gset
  \if :missing
    -- For test clusters whose fake clock starts in the past: the runtime role's privileges, any commit time.
    CREATE ROLE ivr_storage_test_clock LOGIN PASSWORD :'test_clock_password';
    \echo created role ivr_storage_test_clock
  \endif
\endif

-- Owner and runtime roles hold no role attribute beyond LOGIN (earlier versions created the owner with CREATEROLE).
-- Only the attributes a role has are named: changing SUPERUSER, REPLICATION or BYPASSRLS needs a superuser, while a
-- CREATEROLE bootstrap role (managed servers) can still take CREATEROLE and CREATEDB away.
SELECT string_agg(format('ALTER ROLE %I', rolname)
                  || CASE WHEN rolsuper THEN ' NOSUPERUSER' ELSE '' END
                  || CASE WHEN rolcreaterole THEN ' NOCREATEROLE' ELSE '' END
                  || CASE WHEN rolcreatedb THEN ' NOCREATEDB' ELSE '' END
                  || CASE WHEN rolreplication THEN ' NOREPLICATION' ELSE '' END
                  || CASE WHEN rolbypassrls THEN ' NOBYPASSRLS' ELSE '' END, '; ') AS excess
  FROM pg_roles
 WHERE rolname IN ('ivr_storage_owner', 'ivr_storage_app', 'ivr_storage_test_clock')
   AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls) \gset
\if :{?excess}
  :excess;
  \echo :excess
\endif

-- Memberships: the app and the test role in the writer group, the test role in the exempt group, nothing else for
-- these roles, and nobody in the owner role (a member could act as the owner).
SELECT NOT pg_has_role('ivr_storage_app', 'ivr_storage_writer', 'MEMBER') AS missing \gset
\if :missing
  GRANT ivr_storage_writer TO ivr_storage_app;
  \echo granted ivr_storage_writer to ivr_storage_app
\endif

SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ivr_storage_test_clock')
       AND NOT (pg_has_role('ivr_storage_test_clock', 'ivr_storage_writer', 'MEMBER')
                AND pg_has_role('ivr_storage_test_clock', 'ivr_storage_clock_exempt', 'MEMBER')) AS missing \gset
\if :missing
  GRANT ivr_storage_writer, ivr_storage_clock_exempt TO ivr_storage_test_clock;
  \echo granted ivr_storage_writer and ivr_storage_clock_exempt to ivr_storage_test_clock
\endif

SELECT string_agg(format('REVOKE %I FROM %I', g.rolname, r.rolname), '; ') AS excess
  FROM pg_auth_members m
  JOIN pg_roles g ON g.oid = m.roleid
  JOIN pg_roles r ON r.oid = m.member
 WHERE (r.rolname IN ('ivr_storage_owner', 'ivr_storage_app', 'ivr_storage_writer', 'ivr_storage_test_clock')
        AND NOT (r.rolname IN ('ivr_storage_app', 'ivr_storage_test_clock') AND g.rolname = 'ivr_storage_writer')
        AND NOT (r.rolname = 'ivr_storage_test_clock' AND g.rolname = 'ivr_storage_clock_exempt'))
    OR g.rolname = 'ivr_storage_owner'
    OR (g.rolname = 'ivr_storage_clock_exempt' AND r.rolname <> 'ivr_storage_test_clock') \gset
\if :{?excess}
  :excess;
  \echo :excess
\endif

SELECT NOT EXISTS (SELECT FROM pg_database WHERE datname = 'ivr_storage') AS missing \gset
\if :missing
  CREATE DATABASE ivr_storage OWNER ivr_storage_owner;
  \echo created database ivr_storage owned by ivr_storage_owner
\endif

-- Ownership already lets the owner create schemas; the grant covers a database created by hand.
SELECT NOT has_database_privilege('ivr_storage_owner', 'ivr_storage', 'CREATE') AS missing \gset
\if :missing
  GRANT CREATE ON DATABASE ivr_storage TO ivr_storage_owner;
  \echo granted CREATE on ivr_storage to ivr_storage_owner
\endif

-- Only our roles connect (PostgreSQL lets PUBLIC connect and create temporary tables by default), and the runtime
-- roles need nothing but CONNECT. The ACL is read directly: has_database_privilege would count PUBLIC's grants.
SELECT count(*) > 0 AS excess
  FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
 WHERE d.datname = 'ivr_storage'
   AND (a.grantee = 0 OR (a.grantee = 'ivr_storage_writer'::regrole AND a.privilege_type = 'TEMPORARY')) \gset
\if :excess
  REVOKE CONNECT, TEMPORARY ON DATABASE ivr_storage FROM PUBLIC;
  REVOKE TEMPORARY ON DATABASE ivr_storage FROM ivr_storage_writer;
  \echo revoked CONNECT and TEMPORARY on ivr_storage from PUBLIC, TEMPORARY from ivr_storage_writer
\endif

SELECT NOT EXISTS (SELECT FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
                    WHERE d.datname = 'ivr_storage' AND a.grantee = 'ivr_storage_writer'::regrole
                      AND a.privilege_type = 'CONNECT') AS missing \gset
\if :missing
  GRANT CONNECT ON DATABASE ivr_storage TO ivr_storage_writer;
  \echo granted CONNECT on ivr_storage to ivr_storage_writer
\endif

-- The change feed waits for the oldest running transaction (README, "Change feed"): end sessions that sit idle in a
-- transaction. The server-wide setting (postgresql.conf) also covers other databases of the cluster; this one
-- covers managed servers whose configuration we cannot edit.
SELECT NOT EXISTS (SELECT FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
                    WHERE d.datname = 'ivr_storage' AND s.setrole = 0
                      AND 'idle_in_transaction_session_timeout=1min' = ANY (s.setconfig)) AS missing \gset
\if :missing
  ALTER DATABASE ivr_storage SET idle_in_transaction_session_timeout = '1min';
  \echo set idle_in_transaction_session_timeout = 1min on ivr_storage
\endif
