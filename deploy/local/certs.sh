#!/usr/bin/env bash
# Makes the local development certificate authority and the certificates signed by it, with openssl:
#   tls/ca.crt          the CA every silo, client and tool trusts (its key: secrets/ca.key)
#   tls/silo.crt        silos: server + client authentication (they accept and open Orleans connections)
#   tls/gateway.crt     the HTTP gateway, an Orleans caller: client authentication only
#   tls/sample-worker.crt  the sample worker (client/Ivr.Storage.SampleWorker), a caller
#   tls/redis.crt, tls/postgres.crt  the local Redis and PostgreSQL servers: server authentication only
# Keys go to secrets/ (mode 600). Idempotent: a certificate is re-issued only when missing, not signed by the
# current CA, or expiring within 30 days. Production certificates come from the platform (cert-manager, a KMS).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v openssl >/dev/null || die "openssl is missing (apt-get install openssl)"
mkdir -p "$IVR_TLS_DIR" "$IVR_SECRETS_DIR"
chmod 700 "$IVR_SECRETS_DIR"

ca_crt=$IVR_TLS_DIR/ca.crt ca_key=$IVR_SECRETS_DIR/ca.key

valid_for_30_days() { openssl x509 -in "$1" -noout -checkend $((30 * 24 * 3600)) >/dev/null 2>&1; }

ensure_ca() {
  if [[ -s $ca_crt && -s $ca_key ]] && valid_for_30_days "$ca_crt"; then
    return
  fi
  (umask 077 && openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -sha256 -days 3650 \
    -subj "/CN=IVR.Storage local development CA" -keyout "$ca_key" -out "$ca_crt" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null)
  chmod 644 "$ca_crt"
  log "created the development CA $ca_crt"
}

# issue NAME COMMON_NAME EXTENDED_KEY_USAGE
issue() {
  local name=$1 cn=$2 usage=$3 crt=$IVR_TLS_DIR/$1.crt key=$IVR_SECRETS_DIR/$1.key csr ext
  if [[ -s $crt && -s $key ]] && valid_for_30_days "$crt" &&
    openssl verify -CAfile "$ca_crt" -purpose any "$crt" >/dev/null 2>&1; then
    return
  fi
  csr="$(mktemp)" ext="$(mktemp)"
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=%s\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' \
    "$usage" >"$ext"
  (umask 077 && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$cn" \
    -keyout "$key" -out "$csr" 2>/dev/null)
  openssl x509 -req -in "$csr" -CA "$ca_crt" -CAkey "$ca_key" -set_serial "0x$(openssl rand -hex 16)" \
    -days 825 -sha256 -extfile "$ext" -out "$crt" 2>/dev/null
  rm -f "$csr" "$ext"
  chmod 644 "$crt"
  log "issued $crt ($cn, $usage)"
}

ensure_ca
issue silo ivr-storage-silo serverAuth,clientAuth
issue gateway ivr-storage-gateway clientAuth
issue sample-worker ivr-sample-worker clientAuth
issue redis localhost serverAuth
issue postgres localhost serverAuth
