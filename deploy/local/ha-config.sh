# shellcheck shell=bash
# Writes the configuration of one HA member: Patroni's YAML and pgBackRest's INI. Sourced by ha.sh after ha-lib.sh;
# expects PG_BIN, PG_SUPERUSER_PASSWORD and HA_REPLICATOR_PASSWORD. Files hold passwords: mode 600, owned by postgres.

# ha_write_member_config NAME INDEX
ha_write_member_config() {
  local name=$1 i=$2 dir
  dir="$(ha_member_dir "$name")"
  mkdir -p "$dir"
  chmod 700 "$dir"
  write_if_changed "$(ha_backrest_config "$name")" "$(ha_backrest_ini "$name" "$i")" && log "wrote $(ha_backrest_config "$name")"
  write_if_changed "$(ha_patroni_config "$name")" "$(ha_patroni_yaml "$name" "$i")" && log "wrote $(ha_patroni_config "$name")"
  [[ $EUID -ne 0 ]] || chown -R postgres:postgres "$dir"
}

# One stanza, one repository for all three members: whichever is primary archives into it, so the WAL history stays
# whole across failovers. pg1-* names this member's own server (backups are taken from the primary).
ha_backrest_ini() {
  local name=$1 i=$2
  cat <<INI
[global]
repo1-path=$HA_BACKREST_REPO
repo1-retention-full=2
log-path=$HA_LOG_DIR
lock-path=$HA_RUN_DIR/pgbackrest-$name
log-level-console=warn
log-level-file=info
start-fast=y

[$HA_STANZA]
pg1-path=$(ha_member_dir "$name")/data
pg1-port=${HA_PG_PORTS[i]}
pg1-socket-path=$HA_RUN_DIR
pg1-user=postgres
INI
}

# Failure detection: the leader key lives ttl seconds; Patroni requires loop_wait + 2 * retry_timeout <= ttl.
# ttl 10 keeps automatic failover well under the 30 s RTO target (README, "High availability").
ha_patroni_yaml() {
  local name=$1 i=$2 dir
  dir="$(ha_member_dir "$name")"
  cat <<YAML
scope: $IVR_HA_SCOPE
namespace: /ivr-storage/
name: $name
log:
  level: INFO
restapi:
  listen: 127.0.0.1:${HA_REST_PORTS[i]}
  connect_address: 127.0.0.1:${HA_REST_PORTS[i]}
# etcd's v2 API, not etcd3: Debian's Patroni 3.0.2 renews the leader key in etcd3 with an unconditional put, so a
# primary frozen past the key's ttl and then thawed overwrote the key of the standby promoted meanwhile and took the
# cluster back onto the old timeline (fixed upstream in Patroni 3.0.3, patroni/patroni#2689). Its v2 renewal is a
# compare-and-swap on the member's own name, so the thawed member finds the key gone and demotes itself.
etcd:
  hosts: 127.0.0.1:$IVR_HA_ETCD_CLIENT_PORT
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    maximum_lag_on_failover: 1048576
    # A commit returns only once the synchronous standby flushed it; only that standby may be promoted.
    synchronous_mode: true
    # Strict: with no synchronous standby left, commits wait instead of being acknowledged on the primary alone.
    synchronous_mode_strict: true
    # etcd unreachable: the primary keeps serving while every member still answers it over REST (Patroni 3.0).
    failsafe_mode: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        max_connections: 200
        archive_mode: 'on'
        archive_timeout: 60
        idle_in_transaction_session_timeout: 1min
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
postgresql:
  listen: 127.0.0.1:${HA_PG_PORTS[i]}
  connect_address: 127.0.0.1:${HA_PG_PORTS[i]}
  data_dir: $dir/data
  bin_dir: $PG_BIN
  pgpass: $dir/pgpass
  authentication:
    superuser:
      username: postgres
      password: $PG_SUPERUSER_PASSWORD
    replication:
      username: replicator
      password: $HA_REPLICATOR_PASSWORD
    rewind:
      username: postgres
      password: $PG_SUPERUSER_PASSWORD
  parameters:
    unix_socket_directories: $HA_RUN_DIR
    ssl: 'on'
    ssl_cert_file: $IVR_HA_DIR/tls/server.crt
    ssl_key_file: $IVR_HA_DIR/tls/server.key
    archive_command: pgbackrest --config=$(ha_backrest_config "$name") --stanza=$HA_STANZA archive-push %p
  pg_hba:
    - local all all peer
    - local replication all peer
    - host replication replicator 127.0.0.1/32 scram-sha-256
    - host all all 127.0.0.1/32 scram-sha-256
YAML
}
