#!/bin/sh
# The bootstrap step. Runs once, when the postgres container starts on an empty data volume (the image's
# /docker-entrypoint-initdb.d convention): the superuser creates the IVR.Storage roles and database with the same
# script deploy/local/services.sh uses. Nothing after it logs in as the superuser: `migrate` runs as the owner
# (no CREATEROLE), the silos as the runtime role. Passwords reach psql on stdin, never on a command line.
# To apply a newer roles.sql to an existing volume (it also takes back privileges earlier versions granted):
#   docker compose exec -T postgres sh /docker-entrypoint-initdb.d/10-ivr-storage-roles.sh
set -eu
{
  printf '\\set owner_password %s\n\\set app_password %s\n' "$IVR_PG_OWNER_PASSWORD" "$IVR_PG_APP_PASSWORD"
  cat /ivr-storage/roles.sql
} | psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres
