#!/usr/bin/env bash
# The long form of the fault-injection suite (issue 8): runs tests/Ivr.Storage.FaultInjection once per scenario,
# each with its own private PostgreSQL, Redis, three silos and HTTP gateway on 127.0.0.1 (the shared services on
# 55432/56379 are never touched), minutes of load instead of the tests' seconds (half of it through the gateway),
# and prints every scenario's results table. "combined" injects every fault one after another in one load run.
#
#   bash deploy/local/fault-soak.sh                      # every scenario, defaults below
#   bash deploy/local/fault-soak.sh kill9 sigstop        # some of them
#   FI_DURATION=600 FI_WRITERS=32 bash deploy/local/fault-soak.sh pg-restart
#   bash deploy/local/fault-soak.sh mq-relay-kill9 mq-broker-cut   # RabbitMQ (issue 20); "mq" = all three in one run
#
# Settings (environment): FI_DURATION seconds of load per scenario (120), FI_WRITERS concurrent writers (16),
# FI_REDIS_OUTAGE seconds Redis stays down (30), FI_CHURN_CYCLES silo start/stop cycles, alternately SIGTERM and
# kill -9, 0 = as many as fit (0); FI_BROKER the AMQP URI for the mq-* scenarios (default: ConnectionStrings__RabbitMq of
# the env file services.sh writes; without one they are left out of the default list). The mq-* scenarios write
# through the Orleans client with a quarter of FI_WRITERS, and cut the broker's network for FI_REDIS_OUTAGE seconds.
# Exits non-zero when any scenario lost or duplicated a write, broke a check, did not recover, or its read model did
# not converge to the journal. Ctrl-C stops the running scenario and every process it started (PostgreSQL, Redis,
# silos, gateway), then the script.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

duration=${FI_DURATION:-120}
writers=${FI_WRITERS:-16}
redis_outage=${FI_REDIS_OUTAGE:-30}
churn_cycles=${FI_CHURN_CYCLES:-0}
broker=${FI_BROKER:-}
if [[ -z $broker && -r $IVR_ENV_FILE ]]; then
  broker=$(sed -n 's/^ConnectionStrings__RabbitMq=//p' "$IVR_ENV_FILE")
fi
scenarios=("$@")
if ((${#scenarios[@]} == 0)); then
  scenarios=(kill9 sigstop pg-restart redis-outage churn combined)
  [[ -n $broker ]] && scenarios+=(mq-relay-kill9 mq-consumer-kill9 mq-broker-cut)
fi

if [[ -z "$(pg_bin_dir)" ]] || ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
  die "PostgreSQL or Redis binaries are missing; run deploy/local/services.sh once (it installs them)"
fi

cd "$IVR_REPO_ROOT"
export DOTNET_CLI_UI_LANGUAGE=en DOTNET_NOLOGO=1
log "building the fault-injection program, the silo and the gateway (Release)"
dotnet build tests/Ivr.Storage.FaultInjection/Ivr.Storage.FaultInjection.csproj -c Release -v quiet >/dev/null ||
  die "build failed: dotnet build tests/Ivr.Storage.FaultInjection -c Release"

results="$IVR_REPO_ROOT/.local/fault-soak/$(date +%Y%m%dT%H%M%S)-$$"
mkdir -p "$results"
failed=()
for scenario in "${scenarios[@]}"; do
  log "scenario $scenario: ${duration} s of load, $writers writers (log: $results/$scenario.log)"
  # One program run per scenario: a scenario that breaks the cluster cannot spoil the next one.
  # tee ignores SIGINT, so on Ctrl-C it still records the program's last lines while the program stops its processes.
  status=0
  # The broker's URI (it holds a password) goes by environment, not argument; only the mq-* runs get it.
  mq_env=()
  [[ ($scenario == mq || $scenario == mq-*) && -n $broker ]] && mq_env=("ConnectionStrings__RabbitMq=$broker")
  env "${mq_env[@]}" dotnet "tests/Ivr.Storage.FaultInjection/bin/Release/net10.0/Ivr.Storage.FaultInjection.dll" \
    --scenario "$scenario" --duration "$duration" --writers "$writers" \
    --redis-outage "$redis_outage" --churn-cycles "$churn_cycles" 2>&1 | tee -i "$results/$scenario.log" || status=${PIPESTATUS[0]}
  if ((status == 0)); then
    log "scenario $scenario passed"
  elif ((status == 130)); then
    # Ctrl-C / SIGTERM: the program stopped every process it had started; run no further scenario.
    die "interrupted during $scenario; its processes were stopped (log: $results/$scenario.log)"
  else
    warn "scenario $scenario FAILED"
    failed+=("$scenario")
  fi
done

log "results: $results"
for scenario in "${scenarios[@]}"; do grep -E "^\| ${scenario}[ -]" "$results/$scenario.log" || true; done
((${#failed[@]} == 0)) || die "failed: ${failed[*]}"
log "every scenario passed"
