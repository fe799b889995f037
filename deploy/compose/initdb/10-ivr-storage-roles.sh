#!/bin/sh
# Runs once, when the postgres container starts on an empty data volume (the image's /docker-entrypoint-initdb.d
# convention): creates the IVR.Storage roles and database with the same script deploy/local/services.sh uses.
# Passwords reach psql on stdin, never on a command line.
set -eu
{
  printf '\\set owner_password %s\n\\set app_password %s\n' "$IVR_PG_OWNER_PASSWORD" "$IVR_PG_APP_PASSWORD"
  cat /ivr-storage/roles.sql
} | psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres
