#!/bin/sh
# Development certificates for the compose deployment, made by the one-shot `certs` service (the postgres image
# ships openssl) into one volume per consumer; a later start keeps whatever exists. NOT for production: put
# certificates of your own CA, with the same file names, into the volumes instead.
#   authority/ca.key, ca.crt   the development CA (stays in the certs service)
#   ca/ca.crt                  trusted by silos, gateway and migrate for PostgreSQL and Redis (/etc/ivr-storage/backend-ca)
#   <consumer>/tls.crt, tls.key, ca.crt   postgres, redis (server), silo, gateway (Orleans mutual TLS)
# Keys belong to the user each image runs as (postgres and redis: 999, the .NET images: 1654) with mode 0400.
set -eu
out=${IVR_TLS_OUT:-/tls}
umask 022

own() { if [ "${IVR_TLS_SKIP_CHOWN:-0}" != 1 ]; then chown "$@"; fi; }

mkdir -p "$out/authority" "$out/ca"
chmod 700 "$out/authority"
if [ ! -s "$out/authority/ca.key" ] || [ ! -s "$out/authority/ca.crt" ]; then
  openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
    -subj "/CN=IVR.Storage compose development CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$out/authority/ca.key" -out "$out/authority/ca.crt" 2>/dev/null
  chmod 400 "$out/authority/ca.key"
fi
cp -f "$out/authority/ca.crt" "$out/ca/ca.crt"

# issue <consumer> <owner uid> <extended key usage> <subjectAltName>
issue() {
  dir="$out/$1"
  mkdir -p "$dir"
  cp -f "$out/authority/ca.crt" "$dir/ca.crt"
  if [ ! -s "$dir/tls.crt" ] || [ ! -s "$dir/tls.key" ]; then
    extensions="$out/authority/$1.ext"
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=%s\nsubjectAltName=%s\n' "$3" "$4" > "$extensions"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=ivr-storage-$1" \
      -keyout "$dir/tls.key" -out "$out/authority/$1.csr" 2>/dev/null
    openssl x509 -req -sha256 -days 825 -in "$out/authority/$1.csr" -CA "$out/authority/ca.crt" \
      -CAkey "$out/authority/ca.key" -set_serial "0x$(openssl rand -hex 16)" -extfile "$extensions" \
      -out "$dir/tls.crt" 2>/dev/null
    rm -f "$out/authority/$1.csr" "$extensions"
  fi
  chmod 444 "$dir/tls.crt" "$dir/ca.crt"
  chmod 400 "$dir/tls.key"
  own "$2:$2" "$dir/tls.key" "$dir/tls.crt"
}

issue postgres 999 serverAuth "DNS:postgres,DNS:localhost,IP:127.0.0.1"
issue redis 999 serverAuth "DNS:redis,DNS:localhost,IP:127.0.0.1"
issue silo 1654 "serverAuth,clientAuth" "DNS:silo1,DNS:silo2,DNS:silo3"
# The gateway is a caller of the silos, not a server of Orleans connections: client authentication only, so its
# certificate can never pass for a silo's.
issue gateway 1654 clientAuth "DNS:gateway"
echo "development certificates ready in $out"
