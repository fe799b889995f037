#!/usr/bin/env bash
# Installs (Debian's rabbitmq-server) and starts the RabbitMQ broker the message relay and the command consumer
# use, as a plain background process (no systemd), on loopback only, with its state, logs, Erlang cookie and node
# name under IVR_STORAGE_HOME so several instances coexist on one machine (they share epmd on 4369, which is fine:
# their node names differ). Writes its generated user's password to secrets/ and prints nothing else; services.sh
# calls it and puts the connection settings in the env file. Idempotent. `rabbitmq.sh stop` stops this instance.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly RABBIT_BIN=/usr/lib/rabbitmq/bin RABBIT_USER=ivr-storage
IVR_RABBITMQ_DIR="$IVR_STATE_DIR/rabbitmq"

# Everything the broker and its command-line tools read; the tools find the node by name and the cookie in $HOME.
rabbit_env() {
  export HOME="$IVR_RABBITMQ_DIR" RABBITMQ_NODENAME="$IVR_RABBITMQ_NODENAME" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$IVR_RABBITMQ_PORT" \
    RABBITMQ_DIST_PORT="$IVR_RABBITMQ_DIST_PORT" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_MNESIA_BASE="$IVR_RABBITMQ_DIR/mnesia" RABBITMQ_LOG_BASE="$IVR_LOG_DIR/rabbitmq" \
    RABBITMQ_CONFIG_FILE="$IVR_RABBITMQ_DIR/rabbitmq.conf" RABBITMQ_ENABLED_PLUGINS_FILE="$IVR_RABBITMQ_DIR/enabled_plugins" \
    RABBITMQ_PID_FILE="$IVR_RUN_DIR/rabbitmq.pid" RABBITMQ_CONF_ENV_FILE="$IVR_RABBITMQ_DIR/rabbitmq-env.conf" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  # Erlang distribution (the CLI tools' channel to the node) on loopback too.
}

ctl() { "$RABBIT_BIN/rabbitmqctl" -q -n "$IVR_RABBITMQ_NODENAME" "$@"; }

rabbit_running() { ctl status >/dev/null 2>&1; }

install_rabbitmq() {
  [[ -x $RABBIT_BIN/rabbitmq-server ]] && return
  [[ $EUID -eq 0 ]] || die "RabbitMQ is missing; as root run: apt-get install --no-install-recommends rabbitmq-server"
  log "installing rabbitmq-server"
  # As in services.sh: the package's init script must not start a system broker on 5672.
  local own_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    own_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rabbitmq-server >/dev/null ||
    { ((own_policy == 0)) || rm -f /usr/sbin/policy-rc.d; die "apt-get install rabbitmq-server failed"; }
  ((own_policy == 0)) || rm -f /usr/sbin/policy-rc.d
}

write_config() {
  mkdir -p "$IVR_RABBITMQ_DIR/mnesia" "$IVR_LOG_DIR/rabbitmq"
  chmod 700 "$IVR_RABBITMQ_DIR"
  [[ -s $IVR_RABBITMQ_DIR/.erlang.cookie ]] ||
    (umask 077 && head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$IVR_RABBITMQ_DIR/.erlang.cookie")
  chmod 400 "$IVR_RABBITMQ_DIR/.erlang.cookie"
  : >"$IVR_RABBITMQ_DIR/rabbitmq-env.conf"
  write_if_changed "$IVR_RABBITMQ_DIR/enabled_plugins" "[rabbitmq_management]." || true
  # The first boot creates the user below (and no guest); later runs keep its password in step with rabbitmqctl.
  if write_if_changed "$IVR_RABBITMQ_DIR/rabbitmq.conf" "listeners.tcp.default = 127.0.0.1:$IVR_RABBITMQ_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $IVR_RABBITMQ_MANAGEMENT_PORT
default_user = $RABBIT_USER
default_pass = $RABBITMQ_PASSWORD
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
loopback_users = none
log.file.level = warning
log.console = false"; then
    log "wrote $IVR_RABBITMQ_DIR/rabbitmq.conf"
  fi
}

start_rabbitmq() {
  if rabbit_running; then
    log "RabbitMQ already running (node $IVR_RABBITMQ_NODENAME, AMQP 127.0.0.1:$IVR_RABBITMQ_PORT)"
  else
    log "starting RabbitMQ (node $IVR_RABBITMQ_NODENAME, AMQP 127.0.0.1:$IVR_RABBITMQ_PORT)"
    # setsid: the broker outlives this script and a terminal's Ctrl-C, like the PostgreSQL and Redis daemons.
    setsid "$RABBIT_BIN/rabbitmq-server" >>"$IVR_LOG_DIR/rabbitmq/startup.log" 2>&1 </dev/null &
    # wait reads the pid file the broker writes early, then waits until the broker's applications run.
    ctl --timeout 120 wait "$IVR_RUN_DIR/rabbitmq.pid" >/dev/null ||
      { tail -n 20 "$IVR_LOG_DIR/rabbitmq/startup.log" >&2; die "RabbitMQ did not start; logs: $IVR_LOG_DIR/rabbitmq"; }
  fi
  if ! ctl authenticate_user "$RABBIT_USER" "$RABBITMQ_PASSWORD" >/dev/null 2>&1; then
    ctl list_users --no-table-headers 2>/dev/null | grep -q "^${RABBIT_USER}[[:space:]]" || ctl add_user "$RABBIT_USER" "$RABBITMQ_PASSWORD" >/dev/null
    ctl change_password "$RABBIT_USER" "$RABBITMQ_PASSWORD" >/dev/null
    ctl set_user_tags "$RABBIT_USER" administrator >/dev/null
    ctl set_permissions -p / "$RABBIT_USER" '.*' '.*' '.*' >/dev/null
    log "set the password of RabbitMQ user $RABBIT_USER"
  fi
}

stop_rabbitmq() {
  if ! rabbit_running; then
    log "RabbitMQ already stopped"
    return
  fi
  log "stopping RabbitMQ (node $IVR_RABBITMQ_NODENAME)"
  ctl stop "$IVR_RUN_DIR/rabbitmq.pid" >/dev/null
}

rabbit_env
if [[ ${1:-} == stop ]]; then
  [[ -x $RABBIT_BIN/rabbitmqctl ]] || exit 0
  stop_rabbitmq
  exit 0
fi
install_rabbitmq
mkdir -p "$IVR_SECRETS_DIR" "$IVR_RUN_DIR"
RABBITMQ_PASSWORD="$(<"$IVR_SECRETS_DIR/rabbitmq.password")" || die "run services.sh: it writes $IVR_SECRETS_DIR/rabbitmq.password"
write_config
start_rabbitmq
