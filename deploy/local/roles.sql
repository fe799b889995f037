-- Roles and database of IVR.Storage on the local cluster; run by services.sh as the superuser.
-- Idempotent: every step checks first, so the output says what was done and a rerun does nothing.
-- Expects psql variables owner_password and app_password (set on stdin, never on a command line).

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ivr_storage_writer') AS missing \gset
\if :missing
  -- A group role: migrations grant table privileges to it, never to a login role.
  CREATE ROLE ivr_storage_writer NOLOGIN;
  \echo created role ivr_storage_writer
\endif

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ivr_storage_owner') AS missing \gset
\if :missing
  CREATE ROLE ivr_storage_owner LOGIN CREATEROLE PASSWORD :'owner_password';
  \echo created role ivr_storage_owner
\endif

SELECT NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ivr_storage_app') AS missing \gset
\if :missing
  CREATE ROLE ivr_storage_app LOGIN PASSWORD :'app_password';
  \echo created role ivr_storage_app
\endif

SELECT NOT pg_has_role('ivr_storage_app', 'ivr_storage_writer', 'MEMBER') AS missing \gset
\if :missing
  GRANT ivr_storage_writer TO ivr_storage_app;
  \echo granted ivr_storage_writer to ivr_storage_app
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

-- PUBLIC may connect by default, so look for the writer's own grants in the ACL instead of
-- asking has_database_privilege.
SELECT count(*) < 2 AS missing
  FROM pg_database d, aclexplode(d.datacl) a
 WHERE d.datname = 'ivr_storage' AND a.grantee = 'ivr_storage_writer'::regrole
   AND a.privilege_type IN ('CONNECT', 'TEMPORARY') \gset
\if :missing
  GRANT CONNECT, TEMP ON DATABASE ivr_storage TO ivr_storage_writer;
  \echo granted CONNECT, TEMP on ivr_storage to ivr_storage_writer
\endif
