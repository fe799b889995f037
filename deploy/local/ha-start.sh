# shellcheck shell=bash disable=SC2154  # here: the directory of ha.sh, which sources this file
# `ha.sh start`: installs what is missing, starts etcd and the three Patroni members, creates the roles, migrates and
# writes the env file. Idempotent: what runs already is left alone, a member that died is started again (Patroni
# rejoins it as a standby, with pg_rewind when needed). Sourced by ha.sh.

ha_install_packages() {
  local missing=()
  command -v patroni >/dev/null || missing+=(patroni)
  command -v etcd >/dev/null || missing+=(etcd-server)
  command -v pgbackrest >/dev/null || missing+=(pgbackrest)
  ((${#missing[@]} > 0)) || return 0
  [[ $EUID -eq 0 ]] || die "${missing[*]} missing; as root run: apt-get install ${missing[*]}"
  # As in services.sh: keep the packages' init scripts from starting a system etcd (Debian's policy-rc.d).
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    cleanup_files+=(/usr/sbin/policy-rc.d)
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
}

ha_prepare_dirs() {
  mkdir -p "$IVR_HA_DIR" "$HA_RUN_DIR" "$HA_LOG_DIR" "$IVR_HA_DIR/tls" "$HA_BACKREST_REPO" "$IVR_HA_DIR/etcd"
  chmod 755 "$IVR_HA_DIR"
  chmod 700 "$IVR_HA_DIR/etcd" "$HA_BACKREST_REPO"
  install -m 644 "$IVR_TLS_DIR/postgres.crt" "$IVR_HA_DIR/tls/server.crt"
  install -m 600 "$IVR_SECRETS_DIR/postgres.key" "$IVR_HA_DIR/tls/server.key"
  if [[ $EUID -eq 0 ]]; then
    chown -R postgres:postgres "$HA_RUN_DIR" "$HA_LOG_DIR" "$IVR_HA_DIR/tls" "$HA_BACKREST_REPO"
    runuser -u postgres -- test -w "$HA_RUN_DIR" ||
      die "user postgres cannot reach $HA_RUN_DIR; choose an IVR_STORAGE_HOME whose parents are world-traversable"
  fi
}

ha_start_etcd() {
  ha_etcd_pid >/dev/null && { log "etcd already running on 127.0.0.1:$IVR_HA_ETCD_CLIENT_PORT"; return; }
  local client=http://127.0.0.1:$IVR_HA_ETCD_CLIENT_PORT peer=http://127.0.0.1:$IVR_HA_ETCD_PEER_PORT
  log "starting etcd on 127.0.0.1:$IVR_HA_ETCD_CLIENT_PORT"
  (exec setsid etcd --name ivr-ha --data-dir "$IVR_HA_DIR/etcd" --listen-client-urls "$client" \
    --advertise-client-urls "$client" --listen-peer-urls "$peer" --initial-advertise-peer-urls "$peer" \
    --initial-cluster "ivr-ha=$peer" --enable-v2=true >>"$HA_LOG_DIR/etcd.log" 2>&1 </dev/null) &
  printf '%s\n' "$!" >"$HA_RUN_DIR/etcd.pid"
  wait_for_tcp "$IVR_HA_ETCD_CLIENT_PORT" 30 "$!" || die "etcd did not start; log: $HA_LOG_DIR/etcd.log"
}

ha_start_member() {
  local name=$1 config
  config="$(ha_patroni_config "$name")"
  ha_patroni_pid "$name" >/dev/null && { log "patroni $name already running"; return; }
  log "starting patroni $name (PostgreSQL on 127.0.0.1:${HA_PG_PORTS[$(ha_member_index "$name")]})"
  # As the postgres user (PostgreSQL refuses root), from / (postgres may not read the caller's directory).
  (cd / && exec setsid setpriv --reuid=postgres --regid=postgres --init-groups patroni "$config" \
    >>"$HA_LOG_DIR/patroni-$name.log" 2>&1 </dev/null) &
  printf '%s\n' "$!" >"$HA_RUN_DIR/patroni-$name.pid"
}

# A member whose Patroni exited at start (its REST port taken by a client's ephemeral port, say) is started once
# more; then every member must answer on its REST port. The third member is the failover reserve.
ha_ensure_all_members() {
  local name i
  for name in "${HA_MEMBERS[@]}"; do
    ha_patroni_pid "$name" >/dev/null || { warn "patroni $name exited; starting it again (log: $HA_LOG_DIR/patroni-$name.log)"; ha_start_member "$name"; }
  done
  for i in 0 1 2; do
    wait_for_tcp "${HA_REST_PORTS[i]}" 60 || die "patroni ${HA_MEMBERS[i]} does not answer on 127.0.0.1:${HA_REST_PORTS[i]}"
  done
}

# The HA env file: the single node's (services.sh: Redis, TLS, passwords) with its PostgreSQL connection strings made
# multi-host ones that always reach the primary (deploy/README.md says why Target Session Attributes=primary).
ha_write_env_file() {
  [[ -r $IVR_ENV_FILE ]] || bash "$here/services.sh"
  local hosts="" i
  for i in 0 1 2; do hosts+="${hosts:+,}127.0.0.1:${HA_PG_PORTS[i]}"; done
  local content
  content="$(sed -e "/^ConnectionStrings__\(Journal\|Migrations\|Admin\|JournalFakeClock\)=/{s/Host=127\.0\.0\.1;Port=[0-9]*;/Host=$hosts;/;s/\$/;Target Session Attributes=primary;Host Recheck Seconds=1/}" \
    "$IVR_ENV_FILE")
Journal__FeedRequiresSyncStandby=true
Journal__HistoryFromStandbys=true
IVR_HA_PG_PORTS=${HA_PG_PORTS[*]}
IVR_HA_REST_PORTS=${HA_REST_PORTS[*]}
IVR_HA_HOME=$IVR_HA_DIR"
  write_if_changed "$HA_ENV_FILE" "$content" && log "wrote $HA_ENV_FILE"
  return 0
}

ha_migrate() {
  IVR_ENV_FILE=$HA_ENV_FILE
  local dll=$IVR_REPO_ROOT/silo/Ivr.Storage.Silo/bin/Release/net10.0/Ivr.Storage.Silo.dll
  if [[ ${IVR_SKIP_BUILD:-0} == 1 && -f $dll ]]; then
    log "applying migrations (built silo, migrate)"
    (load_env_file && cd "$(dirname "$dll")" && dotnet "$dll" migrate)
  else
    migrate
  fi
}

start() {
  ha_install_packages
  [[ -n $PG_BIN ]] || die "no PostgreSQL under /usr/lib/postgresql/*/bin; run deploy/local/services.sh first"
  mkdir -p "$IVR_STATE_DIR"
  bash "$here/certs.sh"
  ensure_secret postgres IVR_PG_SUPERUSER_PASSWORD PG_SUPERUSER_PASSWORD
  ensure_secret "$OWNER" IVR_PG_OWNER_PASSWORD PG_OWNER_PASSWORD
  ensure_secret "$APP" IVR_PG_APP_PASSWORD PG_APP_PASSWORD
  ensure_secret "$TEST_CLOCK" IVR_PG_TEST_CLOCK_PASSWORD PG_TEST_CLOCK_PASSWORD
  ensure_secret replicator IVR_HA_REPLICATOR_PASSWORD HA_REPLICATOR_PASSWORD
  ha_prepare_dirs
  local i name leader sync
  for i in 0 1 2; do ha_write_member_config "${HA_MEMBERS[i]}" "$i"; done
  ha_start_etcd
  for name in "${HA_MEMBERS[@]}"; do ha_start_member "$name"; done
  leader="$(ha_wait_for /primary 90)" || die "no member became primary within 90 s; logs: $HA_LOG_DIR"
  sync="$(ha_wait_for /sync 90)" || die "no synchronous standby within 90 s; logs: $HA_LOG_DIR"
  ha_wait_writable "$leader" 90 || die "$leader holds the leader key but its PostgreSQL stayed in recovery for 90 s; logs: $HA_LOG_DIR"
  log "primary: $leader, synchronous standby: $sync"
  ha_ensure_all_members
  # bootstrap.dcs only applies when the cluster is first made: a cluster made by an older ha.sh gets them too.
  local setting
  for setting in synchronous_mode_strict failsafe_mode; do
    patronictl -c "$(ha_patroni_config "$leader")" show-config | grep -q "^$setting: true" ||
      patronictl -c "$(ha_patroni_config "$leader")" edit-config --set "$setting=true" --force >/dev/null
  done
  as_pg pgbackrest --config="$(ha_backrest_config "$leader")" --stanza="$HA_STANZA" stanza-create >/dev/null
  # services.sh's functions reach the server on IVR_PG_PORT: the primary's.
  # shellcheck disable=SC2034
  IVR_PG_PORT=${HA_PG_PORTS[$(ha_member_index "$leader")]}
  ensure_roles_and_database
  # template1 too: databases made later on this cluster (the benchmark's, tests' own) have the function from the start.
  local database
  for database in "$DB" template1; do
    psql_as postgres "$PG_SUPERUSER_PASSWORD" -d "$database" -f "$here/ha-grants.sql" >/dev/null
  done
  ha_write_env_file
  ha_migrate
  log "env file: $HA_ENV_FILE (status: deploy/local/ha.sh status)"
}
