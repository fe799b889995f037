#!/usr/bin/env bash
# Installs the headless browser the dashboard test drives (Debian's chromium package) when it is missing.
# Idempotent. The tests never download a browser: Playwright is pointed at /usr/bin/chromium.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly CHROMIUM=/usr/bin/chromium

if [[ -x $CHROMIUM ]]; then
  log "chromium already installed ($("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"))"
  exit 0
fi
[[ $EUID -eq 0 ]] || die "chromium is missing; as root run: apt-get install chromium"
log "installing chromium"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
log "installed $("$CHROMIUM" --version 2>/dev/null)"
