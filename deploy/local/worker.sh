#!/usr/bin/env bash
# Runs the sample worker (client/Ivr.Storage.SampleWorker) against the cluster of run.sh or cluster.sh, as the
# caller ivr-sample-worker: the certificate certs.sh issued it, the local Redis (TLS, ACL user) from the env file.
# The silos know this caller in Development only (silo/Ivr.Storage.Silo/appsettings.Development.json).
#   IVR_CLUSTER_ID        the cluster to join (default ivr-storage-local, the one run.sh and cluster.sh start)
#   IVR_SKIP_BUILD=1      do not run `dotnet build` (the caller already built Release)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

readonly WORKER=client/Ivr.Storage.SampleWorker
cd "$IVR_REPO_ROOT"
load_env_file
export IvrStorage__Tls__CertificatePath="$IVR_TLS_DIR/sample-worker.crt" IvrStorage__Tls__KeyPath="$IVR_SECRETS_DIR/sample-worker.key" \
  IvrStorage__Tls__CaPath="$IVR_TLS_DIR/ca.crt" IvrStorage__ClusterId="${IVR_CLUSTER_ID:-ivr-storage-local}"
[[ ${IVR_SKIP_BUILD:-0} == 1 ]] || dotnet build "$WORKER" -c Release -v minimal -nologo >&2
# From its output directory, so the host finds its appsettings.json (content root = current directory).
cd "$WORKER/bin/Release/net10.0"
exec dotnet Ivr.Storage.SampleWorker.dll "$@"
