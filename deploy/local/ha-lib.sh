# shellcheck shell=bash disable=SC2034  # the variables are used by ha.sh and ha-config.sh, which source this file
# Where the local HA topology (ha.sh) keeps its state and which loopback ports it uses. Sourced after lib.sh.
# Every port is configurable, so a second HA cluster on this machine (another engineer's) can run beside this one.

IVR_HA_DIR="${IVR_HA_HOME:-$IVR_STATE_DIR/ha}"
# Three PostgreSQL members, their Patroni REST APIs and one etcd (client, peer). Space-separated lists, same order.
read -r -a HA_PG_PORTS <<<"${IVR_HA_PG_PORTS:-55451 55452 55453}"
read -r -a HA_REST_PORTS <<<"${IVR_HA_REST_PORTS:-58008 58009 58010}"
IVR_HA_ETCD_CLIENT_PORT="${IVR_HA_ETCD_CLIENT_PORT:-23791}"
IVR_HA_ETCD_PEER_PORT="${IVR_HA_ETCD_PEER_PORT:-23792}"
# Patroni's cluster name; its keys live under /ivr-storage/<scope>/ in etcd.
IVR_HA_SCOPE="${IVR_HA_SCOPE:-ivr-storage-ha}"
HA_MEMBERS=(m1 m2 m3)
HA_RUN_DIR=$IVR_HA_DIR/run
HA_LOG_DIR=$IVR_HA_DIR/logs
HA_ENV_FILE=$IVR_HA_DIR/ivr-storage.env
HA_BACKREST_REPO=$IVR_HA_DIR/backrest
HA_STANZA=ivr-storage

((${#HA_PG_PORTS[@]} == 3 && ${#HA_REST_PORTS[@]} == 3)) ||
  die "IVR_HA_PG_PORTS and IVR_HA_REST_PORTS must each list three ports"

ha_member_dir() { printf '%s\n' "$IVR_HA_DIR/$1"; }
ha_patroni_config() { printf '%s\n' "$IVR_HA_DIR/$1/patroni.yml"; }
ha_backrest_config() { printf '%s\n' "$IVR_HA_DIR/$1/pgbackrest.conf"; }

# The pid in pid file $1 while that process still runs a command line containing $2 (a recycled pid is never signalled).
ha_live_pid() {
  local pid
  [[ -r $1 ]] || return 1
  pid="$(<"$1")"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$2" || return 1
  printf '%s\n' "$pid"
}

ha_etcd_pid() { ha_live_pid "$HA_RUN_DIR/etcd.pid" "$IVR_HA_DIR/etcd"; }
ha_patroni_pid() { ha_live_pid "$HA_RUN_DIR/patroni-$1.pid" "$(ha_patroni_config "$1")"; }

# The member whose Patroni REST API answers 200 on $2 (/primary, /sync ...), or nothing.
ha_member_answering() {
  local i
  for i in 0 1 2; do
    if [[ "$(http_status "${HA_REST_PORTS[i]}" "$1")" == 200 ]]; then
      printf '%s\n' "${HA_MEMBERS[i]}"
      return 0
    fi
  done
  return 1
}

ha_member_index() {
  local i
  for i in 0 1 2; do [[ ${HA_MEMBERS[i]} != "$1" ]] || { printf '%s\n' "$i"; return 0; }; done
  return 1
}

# Waits at most $2 seconds until some member answers 200 on REST path $1; prints the member.
# Patroni's /primary answers 200 once the member holds the leader key, which can be before its PostgreSQL has left
# recovery (a restarted cluster's members come up as standbys and the leader is promoted): pgBackRest then finds "no
# primary cluster" (a clean-clone CI run failed so). Waits, bounded, until the member's server accepts writes.
ha_wait_writable() {
  local name=$1 seconds=$2 i port
  port=${HA_PG_PORTS[$(ha_member_index "$name")]}
  for ((i = 0; i < seconds * 2; i++)); do
    [[ "$(as_pg "$PG_BIN/psql" -h "$HA_RUN_DIR" -p "$port" -d postgres -XAtc 'select pg_is_in_recovery()' 2>/dev/null)" == f ]] && return 0
    sleep 0.5
  done
  return 1
}

ha_wait_for() {
  local path=$1 seconds=$2 i member
  for ((i = 0; i < seconds * 2; i++)); do
    member="$(ha_member_answering "$path")" && { printf '%s\n' "$member"; return 0; }
    sleep 0.5
  done
  return 1
}
