#!/usr/bin/env bash
# THE test command (README, CI): starts the local services, builds the solution in Release and runs
# every test project against those services. Extra arguments go to dotnet test (e.g. --filter X).
# Always ends with one line "Tests: N passed, M failed, K skipped"; exits non-zero if the build
# failed, any test failed, the test run crashed, or no test ran at all.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

summary() { printf 'Tests: %d passed, %d failed, %d skipped\n' "$1" "$2" "$3"; }
fail() { warn "$1"; summary "${2:-0}" "${3:-0}" "${4:-0}"; exit 1; }

cd "$IVR_REPO_ROOT"
bash deploy/local/services.sh || fail "deploy/local/services.sh failed (services or migrations; see above)"
# Headless Chromium for the dashboard test (Ivr.Storage.Silo.Tests); Playwright never downloads a browser.
bash deploy/local/browser.sh || fail "deploy/local/browser.sh failed (chromium; see above)"
load_env_file
# Under CI the tests fail loudly instead of skipping when a service is missing.
if [[ ${CI:-} == true ]]; then export CI=true; fi
# The summary lines parsed below are localised otherwise.
export DOTNET_CLI_UI_LANGUAGE=en DOTNET_NOLOGO=1

# One directory per run (.local/ is git-ignored) so counts and .trx files never mix runs.
results="$IVR_REPO_ROOT/.local/test-results/$(date +%Y%m%dT%H%M%S)-$$"
mkdir -p "$results"

# Build first, so a compile error reads as one and is not mistaken for a test failure.
dotnet build Orleans.sln -c Release -v minimal || fail "build failed"

# The counts come from the console's per-assembly summary lines; the .trx files are for CI tools.
status=0
dotnet test Orleans.sln -c Release --no-build -v minimal --results-directory "$results" \
  --logger "trx;LogFilePrefix=tests" --logger "console;verbosity=minimal" "$@" 2>&1 |
  tee "$results/console.log" || status=$?
read -r passed failed skipped assemblies < <(count_test_results <"$results/console.log")

log "results: $results ($assemblies test assemblies)"
if ((status != 0 && failed == 0)); then
  fail "dotnet test exited with $status without a failed test: a test host crashed or aborted" "$passed" "$failed" "$skipped"
fi
((passed + failed + skipped > 0)) || fail "no tests ran" 0 0 0
summary "$passed" "$failed" "$skipped"
((status == 0 && failed == 0))
