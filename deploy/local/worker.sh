#!/usr/bin/env bash
# Runs the sample worker (client/Ivr.Storage.SampleWorker) against the cluster of run.sh or cluster.sh, as the
# caller ivr-sample-worker: the certificate certs.sh issued it, the local Redis (TLS, ACL user) from the env file.
# The silos know this caller in Development only (silo/Ivr.Storage.Silo/appsettings.Development.json).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cd "$IVR_REPO_ROOT"
load_env_file
export IvrStorage__Tls__CertificatePath="$IVR_TLS_DIR/sample-worker.crt" IvrStorage__Tls__KeyPath="$IVR_SECRETS_DIR/sample-worker.key" \
  IvrStorage__Tls__CaPath="$IVR_TLS_DIR/ca.crt" IvrStorage__ClusterId="${IVR_CLUSTER_ID:-ivr-storage-local}"
exec dotnet run --project client/Ivr.Storage.SampleWorker -c Release "$@"
