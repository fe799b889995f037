#!/bin/sh
# Runs once, on an empty data volume, after the image wrote pg_hba.conf: every TCP connection must use TLS (the
# server runs with ssl=on, see compose.yaml). The first matching line wins, so this goes before the image's
# "host all all all scram-sha-256". Socket connections (this initialisation) are unaffected; the healthcheck's
# pg_isready only asks whether the server answers, which a refused plain login still shows.
set -eu
sed -i '1i hostnossl all all all reject' "$PGDATA/pg_hba.conf"
