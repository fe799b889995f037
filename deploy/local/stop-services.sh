#!/usr/bin/env bash
# Stops the Redis and PostgreSQL that deploy/local/services.sh started, by pid file and data dir,
# never by process name (other PostgreSQL or Redis servers on the machine are left alone).
# Idempotent: stopping what is already stopped succeeds.
# Note: the state dir is shared by every clone of the repository on this machine.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stop_redis() {
  local pid i
  if ! pid="$(redis_pid)"; then
    log "Redis already stopped"
    rm -f "$IVR_REDIS_PIDFILE"
    return
  fi
  log "stopping Redis (pid $pid)"
  kill -TERM "$pid"
  for ((i = 0; i < 30; i++)); do
    [[ -d /proc/$pid ]] || { rm -f "$IVR_REDIS_PIDFILE"; return; }
    sleep 1
  done
  die "Redis (pid $pid) did not stop within 30 s"
}

stop_postgres() {
  local bin
  bin="$(pg_bin_dir)"
  # pg_ctl status reads postmaster.pid and checks that the pid is alive, so a stale file after a
  # crash counts as stopped.
  if [[ -z $bin || ! -f $IVR_PG_DIR/postmaster.pid ]] || ! as_pg "$bin/pg_ctl" -D "$IVR_PG_DIR" status >/dev/null; then
    log "PostgreSQL already stopped"
    return
  fi
  log "stopping PostgreSQL ($IVR_PG_DIR)"
  # Fast mode: roll back open transactions and disconnect clients instead of waiting for them.
  as_pg "$bin/pg_ctl" -D "$IVR_PG_DIR" -m fast -w -t 60 stop >/dev/null
}

stop_redis
# services.sh replaces an outdated Redis without touching PostgreSQL.
[[ ${1:-} == --redis-only ]] && exit 0
bash "$(dirname "${BASH_SOURCE[0]}")/rabbitmq.sh" stop
stop_postgres
