#!/usr/bin/env bash
# THE run command (README): starts the local services, builds Release, runs one silo and, when the
# project exists, the HTTP gateway. Ctrl-C or SIGTERM stops both cleanly.
# Ports can be overridden: IVR_SILO_PORT, IVR_GATEWAY_PORT, IVR_DASHBOARD_PORT, IVR_HTTP_PORT, and the management
# ports (probes and metrics) IVR_SILO_MANAGEMENT_PORT, IVR_HTTP_MANAGEMENT_PORT. Beside another cluster on this
# machine (a test's): IVR_CLUSTER_ID (default ivr-storage-local), IVR_SKIP_SERVICES=1 (services.sh already ran),
# IVR_SKIP_BUILD=1 (Release already built).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

export IVR_SILO_PORT="${IVR_SILO_PORT:-11111}"
export IVR_GATEWAY_PORT="${IVR_GATEWAY_PORT:-30000}"
export IVR_DASHBOARD_PORT="${IVR_DASHBOARD_PORT:-8080}"
export IVR_HTTP_PORT="${IVR_HTTP_PORT:-5080}"
export IVR_SILO_MANAGEMENT_PORT="${IVR_SILO_MANAGEMENT_PORT:-9080}"
export IVR_HTTP_MANAGEMENT_PORT="${IVR_HTTP_MANAGEMENT_PORT:-5081}"
# The silo reads its ports from the Orleans configuration section (silo/Ivr.Storage.Silo/SiloSettings.cs).
export Orleans__SiloPort="$IVR_SILO_PORT" Orleans__GatewayPort="$IVR_GATEWAY_PORT"
# Silos of one cluster id find each other in Redis; the gateway joins the same id.
export IVR_CLUSTER_ID="${IVR_CLUSTER_ID:-ivr-storage-local}"
export Orleans__ClusterId="$IVR_CLUSTER_ID" IvrStorage__ClusterId="$IVR_CLUSTER_ID"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}" ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

readonly SILO=silo/Ivr.Storage.Silo GATEWAY=client/Ivr.Storage.Gateway
cd "$IVR_REPO_ROOT"
[[ -f $SILO/Ivr.Storage.Silo.csproj ]] || die "$SILO/Ivr.Storage.Silo.csproj does not exist yet: nothing to run"
run_gateway=true
if [[ ! -f $GATEWAY/Ivr.Storage.Gateway.csproj ]]; then
  warn "$GATEWAY/Ivr.Storage.Gateway.csproj does not exist yet: running the silo only"
  run_gateway=false
fi

[[ ${IVR_SKIP_SERVICES:-0} == 1 ]] || bash deploy/local/services.sh
load_env_file
export_gateway_identity
if [[ ${IVR_SKIP_BUILD:-0} != 1 ]]; then
  dotnet build "$SILO" -c Release -v minimal -nologo
  if $run_gateway; then dotnet build "$GATEWAY" -c Release -v minimal -nologo; fi
fi

# Started from their output directory so each host finds its appsettings*.json (content root = cwd).
start() { # <project dir> <listen URL for ASP.NET Core> <management URL: /alive, /health/ready, /metrics>
  local name
  name="$(basename "$1")"
  (cd "$1/bin/Release/net10.0" && Http__Url="$2" ASPNETCORE_URLS="$2" Urls="$2" Management__Url="$3" exec dotnet "$name.dll") &
}

pids=()
# Children run in the background and the script waits on them: bash runs a trap only once a
# foreground child has exited, but interrupts `wait` at once. A second signal stops waiting for
# a graceful shutdown.
stop_all() {
  trap 'kill -KILL "${pids[@]}" 2>/dev/null || true' INT TERM
  log "stopping (pids ${pids[*]})"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM

start "$SILO" "http://127.0.0.1:$IVR_DASHBOARD_PORT" "http://127.0.0.1:$IVR_SILO_MANAGEMENT_PORT"
silo_pid=$!
pids+=("$silo_pid")

if $run_gateway; then
  # The gateway's Orleans client needs a silo gateway to connect to at start-up.
  log "waiting for the silo gateway on 127.0.0.1:$IVR_GATEWAY_PORT"
  if ! wait_for_tcp "$IVR_GATEWAY_PORT" 120 "$silo_pid"; then
    kill -0 "$silo_pid" 2>/dev/null || die "the silo exited during start-up"
    stop_all
    die "the silo did not open 127.0.0.1:$IVR_GATEWAY_PORT within 120 s"
  fi
  # The console's Health page links the dashboard and metrics, and reads the silo's group-commit batch sizes.
  export Console__DashboardUrl="http://127.0.0.1:$IVR_DASHBOARD_PORT/dashboard" Console__MetricsUrl="http://127.0.0.1:$IVR_HTTP_MANAGEMENT_PORT/metrics" \
    Console__SiloMetricsUrl="http://127.0.0.1:$IVR_SILO_MANAGEMENT_PORT/metrics"
  start "$GATEWAY" "http://127.0.0.1:$IVR_HTTP_PORT" "http://127.0.0.1:$IVR_HTTP_MANAGEMENT_PORT"
  pids+=("$!")
fi

log "silo:         127.0.0.1:$IVR_SILO_PORT (silo-to-silo), 127.0.0.1:$IVR_GATEWAY_PORT (client gateway)"
log "dashboard:    http://127.0.0.1:$IVR_DASHBOARD_PORT/dashboard"
log "silo health:  http://127.0.0.1:$IVR_SILO_MANAGEMENT_PORT/alive, /health/ready; metrics /metrics"
if $run_gateway; then
  log "HTTP gateway: http://127.0.0.1:$IVR_HTTP_PORT (health http://127.0.0.1:$IVR_HTTP_MANAGEMENT_PORT/alive, /health/ready; metrics /metrics)"
  log "console:      http://127.0.0.1:$IVR_HTTP_PORT/console (sign in with dev-only-ivr-storage-key or dev-only-ivr-storage-readonly-key)"
fi
log "RabbitMQ:     amqp://127.0.0.1:$IVR_RABBITMQ_PORT (user ivr-storage, password in $IVR_SECRETS_DIR/rabbitmq.password), management http://127.0.0.1:$IVR_RABBITMQ_MANAGEMENT_PORT"
log "Ctrl-C stops everything"

# The silo is the main process: when it exits, the gateway goes with it.
status=0
wait "$silo_pid" || status=$?
log "silo exited with $status"
stop_all
exit "$status"
