#!/usr/bin/env bash
# Starts the PostgreSQL and Redis that IVR.Storage needs on this machine, creates the database and
# its roles, writes the env file with the connection strings and applies the migrations.
# Idempotent: a second run finds everything in place and changes nothing.
# No systemd here: both servers are started as plain background daemons with pid files.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The names are also spelled out in roles.sql. TEST_CLOCK is for test clusters whose fake clock starts in the past
# (it may stamp any commit time, see migration 0008): local only, never in production.
readonly DB=ivr_storage OWNER=ivr_storage_owner WRITER=ivr_storage_writer APP=ivr_storage_app TEST_CLOCK=ivr_storage_test_clock

cleanup_files=()
cleanup() { rm -f "${cleanup_files[@]}"; }
trap cleanup EXIT

install_packages() {
  if [[ -n "$(pg_bin_dir)" ]] && command -v redis-server >/dev/null && command -v redis-cli >/dev/null; then
    log "PostgreSQL and Redis binaries already installed"
    return
  fi
  [[ $EUID -eq 0 ]] || die "PostgreSQL or Redis is missing; as root run: apt-get install postgresql postgresql-contrib redis-server"
  log "installing postgresql postgresql-contrib redis-server"
  # Keep the packages' own init scripts from starting a system PostgreSQL on 5432 and a Redis on
  # 6379 that nobody uses (Debian's policy-rc.d convention; Docker images usually ship one already).
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    cleanup_files+=(/usr/sbin/policy-rc.d)
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql postgresql-contrib redis-server >/dev/null
}

ensure_dirs() {
  mkdir -p "$IVR_STATE_DIR" "$IVR_PG_DIR" "$IVR_REDIS_DIR" "$IVR_LOG_DIR" "$IVR_PG_SOCKET_DIR" "$IVR_SECRETS_DIR"
  chmod 700 "$IVR_SECRETS_DIR" "$IVR_PG_DIR"
  [[ -e $IVR_LOG_DIR/postgresql.log ]] || touch "$IVR_LOG_DIR/postgresql.log"
  if [[ $EUID -eq 0 ]]; then
    # The server runs as postgres: it must reach its data dir, socket dir and log file.
    chmod 755 "$IVR_STATE_DIR" "$IVR_LOG_DIR" "$IVR_RUN_DIR"
    chown postgres:postgres "$IVR_PG_DIR" "$IVR_PG_SOCKET_DIR" "$IVR_LOG_DIR/postgresql.log"
    runuser -u postgres -- test -w "$IVR_PG_DIR" ||
      die "user postgres cannot reach $IVR_PG_DIR; choose an IVR_STORAGE_HOME whose parents are world-traversable"
  fi
}

# Sets the variable named $3 to the password: from env var $2 if given, else from secrets/$1.password,
# else a new random one. The file always holds the password in effect, so later runs reuse it.
ensure_secret() {
  local from_env=${!2:-} file="$IVR_SECRETS_DIR/$1.password" value
  if [[ -n $from_env ]]; then
    value=$from_env
  elif [[ -s $file ]]; then
    value="$(<"$file")"
  else
    value="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  fi
  # These characters would need quoting in SQL, in connection strings or in the env file.
  local bad="[;'\"\\\\[:space:]]"
  [[ ! $value =~ $bad ]] || die "$2 must not contain ; ' \" \\ or whitespace"
  if [[ ! -s $file || "$(<"$file")" != "$value" ]]; then
    (umask 077 && printf '%s\n' "$value" >"$file")
    chmod 600 "$file"
    log "wrote $file"
  fi
  printf -v "$3" '%s' "$value"
}

pg_ready() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$IVR_PG_PORT"; }

init_postgres() {
  if [[ -s $IVR_PG_DIR/PG_VERSION ]]; then
    log "PostgreSQL cluster already initialised in $IVR_PG_DIR"
  else
    # initdb reads the superuser password from a file the cluster owner can read; removed on exit.
    local pwfile
    pwfile="$(mktemp)"
    cleanup_files+=("$pwfile")
    printf '%s\n' "$PG_SUPERUSER_PASSWORD" >"$pwfile"
    [[ $EUID -ne 0 ]] || chown postgres "$pwfile"
    as_pg "$PG_BIN/initdb" -D "$IVR_PG_DIR" -U postgres --pwfile="$pwfile" \
      --auth-local=peer --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 \
      >"$IVR_LOG_DIR/initdb.log"
    # Our settings live in a file of their own so they can be rewritten without editing Debian's.
    printf "include_if_exists = 'ivr-storage.conf'\n" >>"$IVR_PG_DIR/postgresql.conf"
    log "initialised PostgreSQL cluster in $IVR_PG_DIR"
  fi
  local conf ram_mb shared_buffers_mb
  ram_mb="$(machine_memory_mb)"
  # A quarter of the memory, the usual start for a database server, within 128 MB..1 GB: the index pages a
  # benchmark's writes touch (a few hundred MB per million journal versions) fit, and the rest stays with the page
  # cache and the .NET processes (silos, test hosts) that share this machine. deploy/README.md says why for each line.
  shared_buffers_mb=$((ram_mb / 4))
  ((shared_buffers_mb >= 128)) || shared_buffers_mb=128
  ((shared_buffers_mb <= 1024)) || shared_buffers_mb=1024
  conf="$(cat <<EOF
listen_addresses = '127.0.0.1'
port = $IVR_PG_PORT
unix_socket_directories = '$IVR_PG_SOCKET_DIR'
max_connections = 300
# Sized for this machine ($ram_mb MB of memory); why each value: deploy/README.md, "PostgreSQL settings".
# The same server serves our path and the benchmark's raw baselines, so both run under these settings.
shared_buffers = ${shared_buffers_mb}MB
effective_cache_size = $((ram_mb / 2))MB
wal_buffers = 16MB
max_wal_size = 4GB
min_wal_size = 1GB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
log_checkpoints = on
log_lock_waits = on
log_autovacuum_min_duration = 1s
# The change feed waits for the oldest running transaction in the cluster (README, "Change feed").
idle_in_transaction_session_timeout = '1min'
# TLS with a certificate of the development CA (certs.sh): clients use SSL Mode=VerifyFull.
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
EOF
)"
  # A new certificate is read on reload too (PostgreSQL 10 and later).
  install_pg_file "$IVR_TLS_DIR/postgres.crt" server.crt 644 && PG_CONF_CHANGED=1
  install_pg_file "$IVR_SECRETS_DIR/postgres.key" server.key 600 && PG_CONF_CHANGED=1
  if write_if_changed "$IVR_PG_DIR/ivr-storage.conf" "$conf"; then
    [[ $EUID -ne 0 ]] || chown postgres:postgres "$IVR_PG_DIR/ivr-storage.conf"
    log "wrote $IVR_PG_DIR/ivr-storage.conf"
    PG_CONF_CHANGED=1
  fi
  pg_ready || PG_CONF_CHANGED=0
}

# The memory PostgreSQL may count on: the machine's, or the container's limit when that is lower.
machine_memory_mb() {
  local total_kb limit
  total_kb="$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)"
  limit="$(cat /sys/fs/cgroup/memory.max 2>/dev/null || true)"
  if [[ $limit =~ ^[0-9]+$ ]] && ((limit / 1024 < total_kb)); then
    total_kb=$((limit / 1024))
  fi
  printf '%s\n' "$((total_kb / 1024))"
}

# A running server rereads its configuration. Settings that only a restart applies (shared_buffers, wal_buffers,
# max_connections...) get one: the server belongs to this state dir and was started by this script, so it is
# restarted (fast mode: open sessions are cut, as stop-services.sh does) instead of running on the old values.
apply_changed_settings() {
  [[ ${PG_CONF_CHANGED:-0} == 1 ]] || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$IVR_PG_DIR" reload >/dev/null
  local pending
  pending="$(psql_as postgres "$PG_SUPERUSER_PASSWORD" -d postgres -tAc \
    "SELECT string_agg(name, ', ') FROM pg_settings WHERE pending_restart")"
  if [[ -z $pending ]]; then
    log "PostgreSQL reloaded its settings"
    return 0
  fi
  log "restarting PostgreSQL to apply $pending (connections to 127.0.0.1:$IVR_PG_PORT are cut)"
  as_pg "$PG_BIN/pg_ctl" -D "$IVR_PG_DIR" -l "$IVR_LOG_DIR/postgresql.log" -m fast -w -t 60 restart >/dev/null ||
    { tail -n 20 "$IVR_LOG_DIR/postgresql.log" >&2; die "PostgreSQL did not restart; log: $IVR_LOG_DIR/postgresql.log"; }
  local i
  for ((i = 0; i < 30; i++)); do pg_ready && return 0; sleep 1; done
  die "PostgreSQL does not answer on 127.0.0.1:$IVR_PG_PORT after the restart; log: $IVR_LOG_DIR/postgresql.log"
}

# Copies $1 into the data dir as $2 (mode $3, owned by the server's user) when it differs; returns 1 if unchanged.
install_pg_file() {
  local target=$IVR_PG_DIR/$2
  if [[ -f $target ]] && cmp -s "$1" "$target"; then return 1; fi
  install -m "$3" "$1" "$target"
  [[ $EUID -ne 0 ]] || chown postgres:postgres "$target"
}

start_postgres() {
  if pg_ready; then
    log "PostgreSQL already running on 127.0.0.1:$IVR_PG_PORT"
    return
  fi
  log "starting PostgreSQL on 127.0.0.1:$IVR_PG_PORT"
  as_pg "$PG_BIN/pg_ctl" -D "$IVR_PG_DIR" -l "$IVR_LOG_DIR/postgresql.log" -w -t 60 start >/dev/null ||
    { tail -n 20 "$IVR_LOG_DIR/postgresql.log" >&2; die "PostgreSQL did not start; log: $IVR_LOG_DIR/postgresql.log"; }
  local i
  for ((i = 0; i < 30; i++)); do pg_ready && return; sleep 1; done
  die "PostgreSQL does not answer on 127.0.0.1:$IVR_PG_PORT; log: $IVR_LOG_DIR/postgresql.log"
}

# psql over TCP as role $1 with password $2; further arguments go to psql.
psql_as() {
  local role=$1 password=$2
  shift 2
  PGPASSWORD="$password" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$IVR_PG_PORT" -U "$role" "$@"
}

can_login() { psql_as "$1" "$2" -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; }

ensure_superuser_login() {
  can_login postgres "$PG_SUPERUSER_PASSWORD" && return
  # The cluster is ours and peer authentication on its socket still works as root: re-sync.
  [[ $EUID -eq 0 && -s $IVR_PG_DIR/PG_VERSION ]] ||
    die "cannot log in as postgres on 127.0.0.1:$IVR_PG_PORT with the password in $IVR_SECRETS_DIR/postgres.password"
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$IVR_PG_SOCKET_DIR" -p "$IVR_PG_PORT" -U postgres -d postgres \
    <<<"ALTER ROLE postgres PASSWORD '$PG_SUPERUSER_PASSWORD';"
  log "reset the password of postgres"
}

ensure_roles_and_database() {
  # Passwords go in on stdin as psql variables, so they never show up in a process list.
  {
    printf '\\set owner_password %s\n\\set app_password %s\n\\set test_clock_password %s\n' \
      "$PG_OWNER_PASSWORD" "$PG_APP_PASSWORD" "$PG_TEST_CLOCK_PASSWORD"
    cat "$(dirname "${BASH_SOURCE[0]}")/roles.sql"
  } | psql_as postgres "$PG_SUPERUSER_PASSWORD" -d postgres
  local role password
  for role in "$OWNER" "$APP" "$TEST_CLOCK"; do
    case $role in
      "$OWNER") password=$PG_OWNER_PASSWORD ;;
      "$APP") password=$PG_APP_PASSWORD ;;
      *) password=$PG_TEST_CLOCK_PASSWORD ;;
    esac
    if ! can_login "$role" "$password"; then
      psql_as postgres "$PG_SUPERUSER_PASSWORD" -d postgres <<<"ALTER ROLE $role PASSWORD '$password';"
      log "set the password of $role"
    fi
  done
  log "roles $OWNER, $WRITER, $APP, $TEST_CLOCK and database $DB in place"
}

readonly REDIS_USER=ivr-storage

# PING over TLS as the application's ACL user (the password goes through the environment, not the command line).
redis_ready() {
  [[ "$(REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli --tls --cacert "$IVR_TLS_DIR/ca.crt" --user "$REDIS_USER" \
    -h 127.0.0.1 -p "$IVR_REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

# The ACL file: the default (anonymous) user is off; the application's user may use keys and channels but no
# administrative or dangerous command (FLUSHALL, CONFIG, DEBUG, KEYS...). Its password is stored hashed.
write_redis_acl() {
  local hash
  hash="$(printf '%s' "$REDIS_PASSWORD" | sha256sum | cut -d' ' -f1)"
  if write_if_changed "$IVR_SECRETS_DIR/redis.acl" "user default off
user $REDIS_USER on #$hash ~* &* +@all -@admin -@dangerous"; then
    log "wrote $IVR_SECRETS_DIR/redis.acl"
    return 0
  fi
  return 1
}

start_redis() {
  local acl_changed=0
  write_redis_acl && acl_changed=1
  if ((acl_changed == 0)) && redis_ready; then
    log "Redis already running on 127.0.0.1:$IVR_REDIS_PORT (TLS, ACL user $REDIS_USER)"
    return
  fi
  if redis_pid >/dev/null; then
    # An older set-up (no TLS, or another password) holds the port: replace it.
    log "restarting Redis with TLS and its ACL"
    bash "$(dirname "${BASH_SOURCE[0]}")/stop-services.sh" --redis-only
  fi
  log "starting Redis on 127.0.0.1:$IVR_REDIS_PORT (TLS only, ACL user $REDIS_USER)"
  # Membership data only: nothing worth persisting, so no snapshots and no AOF. No plaintext port.
  redis-server --daemonize yes --bind 127.0.0.1 --port 0 --tls-port "$IVR_REDIS_PORT" \
    --tls-cert-file "$IVR_TLS_DIR/redis.crt" --tls-key-file "$IVR_SECRETS_DIR/redis.key" \
    --tls-ca-cert-file "$IVR_TLS_DIR/ca.crt" --tls-auth-clients no --aclfile "$IVR_SECRETS_DIR/redis.acl" \
    --dir "$IVR_REDIS_DIR" --pidfile "$IVR_REDIS_PIDFILE" --logfile "$IVR_LOG_DIR/redis.log" --save "" --appendonly no
  local i
  for ((i = 0; i < 30; i++)); do redis_ready && return; sleep 1; done
  die "Redis does not answer on 127.0.0.1:$IVR_REDIS_PORT; log: $IVR_LOG_DIR/redis.log"
}

write_env_file() {
  local ca=$IVR_TLS_DIR/ca.crt
  local pg="Host=127.0.0.1;Port=$IVR_PG_PORT;Database=$DB;SSL Mode=VerifyFull;Root Certificate=$ca"
  local content="IVR_STORAGE_HOME=$IVR_STATE_DIR
ConnectionStrings__Journal=$pg;Username=$APP;Password=$PG_APP_PASSWORD
ConnectionStrings__Migrations=$pg;Username=$OWNER;Password=$PG_OWNER_PASSWORD
ConnectionStrings__Admin=$pg;Username=postgres;Password=$PG_SUPERUSER_PASSWORD
ConnectionStrings__JournalFakeClock=$pg;Username=$TEST_CLOCK;Password=$PG_TEST_CLOCK_PASSWORD
ConnectionStrings__Redis=127.0.0.1:$IVR_REDIS_PORT,user=$REDIS_USER,password=$REDIS_PASSWORD,ssl=true
IVR_STORAGE_CA=$ca
IVR_STORAGE_CA_KEY=$IVR_SECRETS_DIR/ca.key
Orleans__Tls__CertificatePath=$IVR_TLS_DIR/silo.crt
Orleans__Tls__KeyPath=$IVR_SECRETS_DIR/silo.key
Orleans__Tls__CaPath=$ca
ConnectionStrings__RabbitMq=amqp://ivr-storage:$RABBITMQ_PASSWORD@127.0.0.1:$IVR_RABBITMQ_PORT/
IVR_RABBITMQ_MANAGEMENT_URL=http://127.0.0.1:$IVR_RABBITMQ_MANAGEMENT_PORT
IVR_RABBITMQ_NODENAME=$IVR_RABBITMQ_NODENAME"
  if write_if_changed "$IVR_ENV_FILE" "$content"; then
    log "wrote $IVR_ENV_FILE"
  else
    log "$IVR_ENV_FILE already up to date"
  fi
}

migrate() {
  if [[ ${IVR_SKIP_MIGRATE:-0} == 1 ]]; then
    log "IVR_SKIP_MIGRATE=1: not applying migrations"
    return
  fi
  log "applying migrations (silo migrate)"
  (load_env_file && cd "$IVR_REPO_ROOT" &&
    dotnet run --project silo/Ivr.Storage.Silo -c Release -- migrate)
}

# ha.sh sources this file for its functions only (roles, secrets, migrations), with IVR_SERVICES_FUNCTIONS_ONLY=1.
[[ ${IVR_SERVICES_FUNCTIONS_ONLY:-0} != 1 ]] || return 0
install_packages
PG_BIN="$(pg_bin_dir)"
[[ -n $PG_BIN ]] || die "no PostgreSQL under /usr/lib/postgresql/*/bin"
ensure_dirs
bash "$(dirname "${BASH_SOURCE[0]}")/certs.sh"
ensure_secret redis IVR_REDIS_PASSWORD REDIS_PASSWORD
ensure_secret postgres IVR_PG_SUPERUSER_PASSWORD PG_SUPERUSER_PASSWORD
ensure_secret "$OWNER" IVR_PG_OWNER_PASSWORD PG_OWNER_PASSWORD
ensure_secret "$APP" IVR_PG_APP_PASSWORD PG_APP_PASSWORD
ensure_secret "$TEST_CLOCK" IVR_PG_TEST_CLOCK_PASSWORD PG_TEST_CLOCK_PASSWORD
ensure_secret rabbitmq IVR_RABBITMQ_PASSWORD RABBITMQ_PASSWORD
init_postgres
start_postgres
ensure_superuser_login
apply_changed_settings
ensure_roles_and_database
start_redis
bash "$(dirname "${BASH_SOURCE[0]}")/rabbitmq.sh"
write_env_file
migrate

log "PostgreSQL: 127.0.0.1:$IVR_PG_PORT (data $IVR_PG_DIR, log $IVR_LOG_DIR/postgresql.log)"
log "Redis:      127.0.0.1:$IVR_REDIS_PORT, TLS, user $REDIS_USER (log $IVR_LOG_DIR/redis.log)"
log "RabbitMQ:   amqp://127.0.0.1:$IVR_RABBITMQ_PORT, management http://127.0.0.1:$IVR_RABBITMQ_MANAGEMENT_PORT, user ivr-storage (logs $IVR_LOG_DIR/rabbitmq)"
log "TLS:        CA $IVR_TLS_DIR/ca.crt, certificates in $IVR_TLS_DIR, keys in $IVR_SECRETS_DIR"
log "env file:   $IVR_ENV_FILE"
