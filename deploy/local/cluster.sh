#!/usr/bin/env bash
# A local multi-silo cluster against the PostgreSQL and Redis of services.sh:
#   deploy/local/cluster.sh start N   # N silos (default 3) and, when the project exists, the HTTP gateway
#   deploy/local/cluster.sh status    # pid, ports and readiness of each process
#   deploy/local/cluster.sh stop      # SIGTERM, bounded wait for a graceful exit, then SIGKILL what is left
# Silo i (0-based) listens on silo port IVR_SILO_PORT+i, gateway port IVR_GATEWAY_PORT+i and HTTP port
# IVR_DASHBOARD_PORT+i (defaults 11111, 30000, 8080, as run.sh and `silo --instance i`), and serves its probes and
# /metrics on IVR_SILO_MANAGEMENT_PORT+i (9080). The gateway listens on IVR_HTTP_PORT (5080), its probes and /metrics
# on IVR_HTTP_MANAGEMENT_PORT (5081). IVR_CLUSTER_ID (default ivr-storage-local) names the cluster and is passed on each process's
# command line, so `ps` shows which cluster a process belongs to. Processes run detached (setsid).
# A second cluster on this machine (a test next to a developer's) needs its own ports, cluster id and:
#   IVR_CLUSTER_RUN_DIR   pid files (default <state>/run/cluster); start, status and stop only see this directory
#   IVR_CLUSTER_LOG_DIR   logs silo-i.log and gateway.log (default <state>/logs)
#   IVR_SKIP_SERVICES=1   do not run services.sh (the caller already did; the env file must exist)
#   IVR_SKIP_BUILD=1      do not run `dotnet build` (the caller already built Release, e.g. deploy/local/test.sh)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly SILO=silo/Ivr.Storage.Silo GATEWAY=client/Ivr.Storage.Gateway
readonly CLUSTER_RUN_DIR="${IVR_CLUSTER_RUN_DIR:-$IVR_RUN_DIR/cluster}"
readonly CLUSTER_LOG_DIR="${IVR_CLUSTER_LOG_DIR:-$IVR_LOG_DIR}"
IVR_SILO_PORT="${IVR_SILO_PORT:-11111}"
IVR_GATEWAY_PORT="${IVR_GATEWAY_PORT:-30000}"
IVR_DASHBOARD_PORT="${IVR_DASHBOARD_PORT:-8080}"
IVR_HTTP_PORT="${IVR_HTTP_PORT:-5080}"
IVR_SILO_MANAGEMENT_PORT="${IVR_SILO_MANAGEMENT_PORT:-9080}"
IVR_HTTP_MANAGEMENT_PORT="${IVR_HTTP_MANAGEMENT_PORT:-5081}"
# Silos of one cluster id find each other in Redis: give a second cluster on this machine an id of its own.
IVR_CLUSTER_ID="${IVR_CLUSTER_ID:-ivr-storage-local}"
# Orleans:ShutdownGracePeriod (30 s by default) plus a margin for the process to exit.
STOP_TIMEOUT="${IVR_STOP_TIMEOUT:-45}"

usage() { printf 'usage: %s start [N] | stop | status\n' "$(basename "$0")" >&2; exit 2; }

# The pid in pid file $1, if that process still runs the assembly the file was written for (a recycled pid
# belongs to something else and is never signalled).
live_pid() {
  local file=$1 pid dll
  [[ -r $file ]] || return 1
  read -r pid dll <"$file" || return 1
  [[ $pid =~ ^[0-9]+$ && -n $dll ]] || return 1
  tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF "$dll" || return 1
  printf '%s\n' "$pid"
}

pid_files() { compgen -G "$CLUSTER_RUN_DIR/*.pid" | sort -V || true; }

# Starts <name> from <project dir> detached: <configuration key> <value> (given on the command line as --key=value)
# and then the environment as NAME=VALUE arguments.
launch() {
  local name=$1 project=$2 argument="--$3=$4" dll pid
  shift 4
  dll="$(basename "$project").dll"
  [[ -f $project/bin/Release/net10.0/$dll ]] || die "$project/bin/Release/net10.0/$dll is missing: build Release first (or unset IVR_SKIP_BUILD)"
  # From the output directory, so the host finds its appsettings*.json (content root = cwd).
  (cd "$project/bin/Release/net10.0" && exec env "$@" setsid dotnet "$dll" "$argument" >>"$CLUSTER_LOG_DIR/$name.log" 2>&1 </dev/null) &
  pid=$!
  printf '%s %s\n' "$pid" "$dll" >"$CLUSTER_RUN_DIR/$name.pid"
  log "started $name (pid $pid, log $CLUSTER_LOG_DIR/$name.log)"
}

start() {
  local count=${1:-3} i name pid
  [[ $count =~ ^[1-9][0-9]*$ ]] || usage
  mkdir -p "$CLUSTER_RUN_DIR" "$CLUSTER_LOG_DIR"
  for name in $(pid_files); do
    if live_pid "$name" >/dev/null; then die "a cluster is already running (see: $0 status); stop it first"; fi
  done
  rm -f "$CLUSTER_RUN_DIR"/*.pid

  cd "$IVR_REPO_ROOT"
  [[ ${IVR_SKIP_SERVICES:-0} == 1 ]] || bash deploy/local/services.sh
  load_env_file
  export_gateway_identity
  local with_gateway=false
  [[ -f $GATEWAY/Ivr.Storage.Gateway.csproj ]] && with_gateway=true
  if [[ ${IVR_SKIP_BUILD:-0} != 1 ]]; then
    dotnet build "$SILO" -c Release -v minimal -nologo
    if $with_gateway; then dotnet build "$GATEWAY" -c Release -v minimal -nologo; fi
  fi

  export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
  for ((i = 0; i < count; i++)); do
    launch "silo-$i" "$SILO" Orleans:ClusterId "$IVR_CLUSTER_ID" \
      Orleans__SiloPort=$((IVR_SILO_PORT + i)) Orleans__GatewayPort=$((IVR_GATEWAY_PORT + i)) \
      Http__Url="http://127.0.0.1:$((IVR_DASHBOARD_PORT + i))" Orleans__SiloName="silo-$i" \
      Management__Url="http://127.0.0.1:$((IVR_SILO_MANAGEMENT_PORT + i))"
  done
  for ((i = 0; i < count; i++)); do
    pid="$(live_pid "$CLUSTER_RUN_DIR/silo-$i.pid")" || { stop; die "silo-$i exited during start-up; log: $CLUSTER_LOG_DIR/silo-$i.log"; }
    wait_for_tcp $((IVR_GATEWAY_PORT + i)) 120 "$pid" ||
      { stop; die "silo-$i did not open 127.0.0.1:$((IVR_GATEWAY_PORT + i)); log: $CLUSTER_LOG_DIR/silo-$i.log"; }
  done
  # Joined is not yet ready: wait (bounded) until every silo reports ready before the gateway connects.
  for ((i = 0; i < count; i++)); do
    local tries
    for ((tries = 0; tries < 60; tries++)); do
      [[ "$(http_status $((IVR_SILO_MANAGEMENT_PORT + i)) /health/ready)" == 200 ]] && break
      sleep 1
    done
  done
  if $with_gateway; then
    # Urls as well as ASPNETCORE_URLS: an unprefixed variable overrides the Urls in the gateway's appsettings.json.
    launch gateway "$GATEWAY" IvrStorage:ClusterId "$IVR_CLUSTER_ID" \
      ASPNETCORE_URLS="http://127.0.0.1:$IVR_HTTP_PORT" Urls="http://127.0.0.1:$IVR_HTTP_PORT" \
      Management__Url="http://127.0.0.1:$IVR_HTTP_MANAGEMENT_PORT"
    if ! pid="$(live_pid "$CLUSTER_RUN_DIR/gateway.pid")" || ! wait_for_tcp "$IVR_HTTP_PORT" 60 "$pid"; then
      # A start without its gateway is a failed start: say why (the log's tail) and exit non-zero; the silos keep
      # running for inspection until `stop`.
      warn "the gateway did not open 127.0.0.1:$IVR_HTTP_PORT; last lines of $CLUSTER_LOG_DIR/gateway.log:"
      tail -n 40 "$CLUSTER_LOG_DIR/gateway.log" >&2 || true
      status
      return 1
    fi
  else
    warn "$GATEWAY/Ivr.Storage.Gateway.csproj does not exist yet: silos only"
  fi
  status
}

stop() {
  local file pid pids=() i
  # The gateway first, so it stops sending work before the silos drain.
  for file in "$CLUSTER_RUN_DIR/gateway.pid" $(pid_files | grep -v /gateway.pid); do
    pid="$(live_pid "$file")" || { rm -f "$file"; continue; }
    [[ " ${pids[*]} " == *" $pid "* ]] && continue
    log "stopping $(basename "$file" .pid) (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    pids+=("$pid")
    if [[ $file == */gateway.pid ]]; then
      for ((i = 0; i < 20; i++)); do [[ -d /proc/$pid ]] || break; sleep 1; done
    fi
  done
  for ((i = 0; i < STOP_TIMEOUT; i++)); do
    local alive=()
    for pid in "${pids[@]}"; do [[ -d /proc/$pid ]] && alive+=("$pid"); done
    ((${#alive[@]} == 0)) && break
    sleep 1
  done
  for pid in "${pids[@]}"; do
    if [[ -d /proc/$pid ]]; then
      warn "pid $pid did not exit within $STOP_TIMEOUT s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  rm -f "$CLUSTER_RUN_DIR"/*.pid
  log "cluster stopped"
}

status() {
  local file name pid http running=0
  for file in $(pid_files); do
    name="$(basename "$file" .pid)"
    if ! pid="$(live_pid "$file")"; then
      printf '%-10s stopped (stale pid file)\n' "$name"
      continue
    fi
    running=$((running + 1))
    if [[ $name == gateway ]]; then
      printf '%-10s pid %-7s http://127.0.0.1:%s (management %s)  ready: %s\n' "$name" "$pid" "$IVR_HTTP_PORT" \
        "$IVR_HTTP_MANAGEMENT_PORT" "$(http_status "$IVR_HTTP_MANAGEMENT_PORT" /health/ready)"
    else
      local i=${name#silo-}
      http=$((IVR_DASHBOARD_PORT + i))
      printf '%-10s pid %-7s silo %s, gateway %s, http://127.0.0.1:%s (dashboard /dashboard), management %s  ready: %s\n' \
        "$name" "$pid" $((IVR_SILO_PORT + i)) $((IVR_GATEWAY_PORT + i)) "$http" $((IVR_SILO_MANAGEMENT_PORT + i)) \
        "$(http_status $((IVR_SILO_MANAGEMENT_PORT + i)) /health/ready)"
    fi
  done
  ((running > 0)) || log "no cluster process is running"
}

case "${1:-}" in
  start) start "${2:-3}" ;;
  stop) stop ;;
  status) status ;;
  *) usage ;;
esac
