#!/usr/bin/env bash
# The local high-availability topology: one etcd and three PostgreSQL 15 members managed by Patroni (synchronous_mode:
# a commit returns once the synchronous standby flushed it), WAL archived by pgBackRest into one local repository.
#   deploy/local/ha.sh start        install (apt), start etcd and the members, create roles, migrate, write the env file
#   deploy/local/ha.sh status       leader, synchronous standby and lag (patronictl list)
#   deploy/local/ha.sh switchover   planned switchover to the synchronous standby (Patroni's, never ours)
#   deploy/local/ha.sh backup [full|incr]   a pgBackRest backup taken from the primary
#   deploy/local/ha.sh stop         stops the members (Patroni stops PostgreSQL) and etcd
#   deploy/local/ha.sh destroy      stops it and deletes its state (members' data, etcd, the pgBackRest repository)
#   deploy/local/ha.sh exec CMD...  runs CMD with the HA env file exported (e.g. the benchmark's W1 against the cluster)
# Ports and paths: ha-lib.sh (IVR_HA_PG_PORTS, IVR_HA_REST_PORTS, IVR_HA_ETCD_CLIENT_PORT, IVR_HA_ETCD_PEER_PORT,
# IVR_HA_HOME); the env file for silos and tools: <state>/ha/ivr-storage.env (deploy/README.md, "High availability").
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$here/lib.sh"
# The single node's functions (secrets, roles, migrations), not its main part.
# shellcheck source-path=SCRIPTDIR source=services.sh
IVR_SERVICES_FUNCTIONS_ONLY=1 source "$here/services.sh"
# shellcheck source-path=SCRIPTDIR source=ha-lib.sh
source "$here/ha-lib.sh"
# shellcheck source-path=SCRIPTDIR source=ha-config.sh
source "$here/ha-config.sh"
# shellcheck source-path=SCRIPTDIR source=ha-start.sh
source "$here/ha-start.sh"

usage() { printf 'usage: %s start | status | switchover | backup [full|incr] | stop | destroy | exec CMD...\n' "$(basename "$0")" >&2; exit 2; }

PG_BIN="$(pg_bin_dir)"

status() {
  if ha_etcd_pid >/dev/null; then log "etcd: running on 127.0.0.1:$IVR_HA_ETCD_CLIENT_PORT"; else log "etcd: stopped"; fi
  local name
  for name in "${HA_MEMBERS[@]}"; do
    if ha_patroni_pid "$name" >/dev/null; then
      patronictl -c "$(ha_patroni_config "$name")" list
      return 0
    fi
  done
  log "no Patroni member is running"
  return 1
}

switchover() {
  local leader sync
  leader="$(ha_member_answering /primary)" || die "no primary: nothing to switch over from"
  sync="$(ha_member_answering /sync)" || die "no synchronous standby to switch over to"
  log "switching over from $leader to $sync"
  patronictl -c "$(ha_patroni_config "$leader")" switchover --leader "$leader" --candidate "$sync" --force
  local i
  for ((i = 0; i < 120; i++)); do
    [[ "$(ha_member_answering /primary || true)" == "$sync" ]] && ha_member_answering /sync >/dev/null && {
      log "primary: $sync, synchronous standby: $(ha_member_answering /sync)"
      return 0
    }
    sleep 0.5
  done
  die "the switchover to $sync did not complete within 60 s; see $HA_LOG_DIR"
}

backup() {
  local type=${1:-full} leader
  leader="$(ha_member_answering /primary)" || die "no primary to back up"
  log "pgBackRest $type backup from $leader"
  as_pg pgbackrest --config="$(ha_backrest_config "$leader")" --stanza="$HA_STANZA" --type="$type" backup
}

# SIGTERM: Patroni stops its PostgreSQL (fast) before it exits. A bounded wait, then SIGKILL what is left.
stop_process() {
  local what=$1 pid=$2 i
  log "stopping $what (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 120; i++)); do
    [[ -d /proc/$pid ]] || return 0
    sleep 0.5
  done
  warn "$what (pid $pid) did not stop within 60 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

# Fault tests SIGSTOP a member's Patroni, its PostgreSQL or the startup process; a run cut short leaves them frozen,
# and a frozen process neither exits on SIGTERM nor lets pg_ctl stop it. Resume every member process first.
resume_frozen() {
  local name pid
  for name in "${HA_MEMBERS[@]}"; do
    while read -r pid; do
      kill -CONT "$pid" 2>/dev/null || true
      pkill -CONT -P "$pid" 2>/dev/null || true
    done < <(pgrep -f -- "$(ha_member_dir "$name")/" || true)
  done
}

stop() {
  local name pid
  resume_frozen
  for name in "${HA_MEMBERS[@]}"; do
    if pid="$(ha_patroni_pid "$name")"; then stop_process "patroni $name" "$pid" & fi
  done
  wait
  for name in "${HA_MEMBERS[@]}"; do
    # A member whose Patroni was killed (fault tests) may leave its PostgreSQL running.
    if [[ -f $(ha_member_dir "$name")/data/postmaster.pid ]] &&
      as_pg "$PG_BIN/pg_ctl" -D "$(ha_member_dir "$name")/data" status >/dev/null 2>&1; then
      as_pg "$PG_BIN/pg_ctl" -D "$(ha_member_dir "$name")/data" -m immediate -w -t 60 stop >/dev/null
    fi
  done
  if pid="$(ha_etcd_pid)"; then stop_process etcd "$pid"; fi
  log "HA topology stopped"
}

# The test suite starts from here, so its scenarios never inherit an earlier run's timelines and archive (a member
# rewound after many failovers can hold a WAL segment that pgBackRest refuses to archive again: README, "Known gaps").
destroy() {
  stop
  local name
  for name in "${HA_MEMBERS[@]}"; do rm -rf "$(ha_member_dir "$name")"; done
  rm -rf "$IVR_HA_DIR/etcd" "$HA_BACKREST_REPO" "$HA_RUN_DIR" "$HA_LOG_DIR" "$HA_ENV_FILE"
  log "HA state under $IVR_HA_DIR deleted"
}

case ${1:-} in
  start) start ;;
  status) status ;;
  switchover) switchover ;;
  backup) backup "${2:-full}" ;;
  stop) stop ;;
  destroy) destroy ;;
  exec)
    shift
    IVR_ENV_FILE=$HA_ENV_FILE load_env_file
    exec "$@"
    ;;
  *) usage ;;
esac
