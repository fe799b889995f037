# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this file
# Shared by the deploy/local scripts: where the local services keep their state and how to reach them.
# Sourced, not executed.

IVR_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# The state lives outside the repository on purpose: several clones on one machine share one
# PostgreSQL and one Redis instead of each starting its own on the same ports.
if [[ $EUID -eq 0 ]]; then
  IVR_STATE_DIR="${IVR_STORAGE_HOME:-/var/lib/ivr-storage}"
else
  IVR_STATE_DIR="${IVR_STORAGE_HOME:-${XDG_DATA_HOME:-$HOME/.local/share}/ivr-storage}"
fi
IVR_PG_DIR="$IVR_STATE_DIR/pg"
IVR_REDIS_DIR="$IVR_STATE_DIR/redis"
IVR_LOG_DIR="$IVR_STATE_DIR/logs"
IVR_RUN_DIR="$IVR_STATE_DIR/run"
IVR_PG_SOCKET_DIR="$IVR_RUN_DIR/postgresql"
IVR_SECRETS_DIR="$IVR_STATE_DIR/secrets"
# Certificates (public) in tls/, their keys in secrets/: see certs.sh.
IVR_TLS_DIR="$IVR_STATE_DIR/tls"
IVR_ENV_FILE="$IVR_STATE_DIR/ivr-storage.env"
IVR_REDIS_PIDFILE="$IVR_RUN_DIR/redis.pid"

# Private ports, so the project never collides with a system PostgreSQL (5432) or Redis (6379).
IVR_PG_PORT="${IVR_PG_PORT:-55432}"
IVR_REDIS_PORT="${IVR_REDIS_PORT:-56379}"
# RabbitMQ (rabbitmq.sh): AMQP, management (HTTP) and Erlang distribution ports; the node name follows the AMQP port,
# so brokers of several state dirs on one machine never clash in the shared epmd.
IVR_RABBITMQ_PORT="${IVR_RABBITMQ_PORT:-55672}"
IVR_RABBITMQ_MANAGEMENT_PORT="${IVR_RABBITMQ_MANAGEMENT_PORT:-$((IVR_RABBITMQ_PORT + 100))}"
IVR_RABBITMQ_DIST_PORT="${IVR_RABBITMQ_DIST_PORT:-$((IVR_RABBITMQ_PORT + 1000))}"
IVR_RABBITMQ_NODENAME="${IVR_RABBITMQ_NODENAME:-ivr-storage-$IVR_RABBITMQ_PORT@localhost}"

log() { printf '[%s] %s\n' "$(basename "$0")" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$(basename "$0")" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# Writes $2 to file $1 (mode 600) only when the content differs; returns 1 when nothing changed.
write_if_changed() {
  if [[ -f $1 && "$(<"$1")" == "$2" ]]; then return 1; fi
  local tmp
  tmp="$(mktemp "$1.XXXXXX")"
  printf '%s\n' "$2" >"$tmp"
  chmod 600 "$tmp"
  mv -f "$tmp" "$1"
}

# Debian installs PostgreSQL side by side per major version; take the newest one present.
pg_bin_dir() {
  local version
  version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
  if [[ -n $version && -x /usr/lib/postgresql/$version/bin/initdb ]]; then
    printf '%s\n' "/usr/lib/postgresql/$version/bin"
  fi
}

# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
# cd / first: postgres may not be allowed to read the caller's working directory.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# The env file is docker-style KEY=VALUE without quotes. Connection strings contain ';', so it
# must never be sourced by a shell: export it line by line instead.
load_env_file() {
  local line
  [[ -r $IVR_ENV_FILE ]] || die "$IVR_ENV_FILE is missing or unreadable; run deploy/local/services.sh"
  while IFS= read -r line || [[ -n $line ]]; do
    [[ -z $line || $line == \#* ]] && continue
    export "${line?}"
  done <"$IVR_ENV_FILE"
}

# The HTTP gateway is an Orleans caller: its certificate of the development CA (certs.sh). The silos read
# Orleans__Tls__* (the env file), so exporting these for every child is harmless.
export_gateway_identity() {
  export IvrStorage__Tls__CertificatePath="$IVR_TLS_DIR/gateway.crt" IvrStorage__Tls__KeyPath="$IVR_SECRETS_DIR/gateway.key" \
    IvrStorage__Tls__CaPath="$IVR_TLS_DIR/ca.crt"
}

# Redis writes its pid file; trust a pid only while it still names a redis-server process, so a
# recycled pid never gets signalled.
redis_pid() {
  local pid
  [[ -r $IVR_REDIS_PIDFILE ]] || return 1
  pid="$(<"$IVR_REDIS_PIDFILE")"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == redis-server ]] || return 1
  printf '%s\n' "$pid"
}

# Sums dotnet test's per-assembly summary lines read on stdin, e.g.
#   "Failed!  - Failed:     1, Passed:     1, Skipped:     1, Total:     3, Duration: 56 ms - A.dll (net10.0)"
# and prints "passed failed skipped assemblies".
count_test_results() {
  awk '
    { gsub(/\033\[[0-9;]*m/, "") }  # colour codes, in case the console logger emits them
    match($0, /(Passed|Failed|Skipped|Aborted)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+, Total: +[0-9]+/) {
      split(substr($0, RSTART, RLENGTH), n, /[^0-9]+/)
      failed += n[2]; passed += n[3]; skipped += n[4]; assemblies++
    }
    END { printf "%d %d %d %d\n", passed, failed, skipped, assemblies }'
}

# Waits until something accepts TCP connections on 127.0.0.1:$1, for at most $2 seconds; fails early when the
# process $3 (optional) exits. Returns 1 on timeout or exit.
wait_for_tcp() {
  local port=$1 seconds=$2 pid=${3:-} i
  for ((i = 0; i < seconds; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    [[ -z $pid ]] || kill -0 "$pid" 2>/dev/null || return 1
    sleep 1
  done
  return 1
}

# Prints the HTTP status line's code of GET http://127.0.0.1:$1$2 (no curl needed), or nothing when unreachable.
http_status() {
  local port=$1 path=$2 line
  {
    exec 3<>"/dev/tcp/127.0.0.1/$port" &&
      printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3 &&
      IFS= read -r -t 5 line <&3 &&
      printf '%s\n' "$line" | awk '{print $2}'
  } 2>/dev/null || true
}
