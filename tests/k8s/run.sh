#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# Offline checks of the Kubernetes deployment (deploy/k8s, docs/operations.md "Kubernetes"):
#   tests/k8s/run.sh [DIR]      default deploy/k8s
# Needs Node >= 18 and npm (scripts/deps.sh installs Debian's). Installs the npm packages pinned
# in package-lock.json when node_modules is missing or the lock changed (the registry is needed
# then, and only then); the checks themselves run offline, with no API server.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dir="$(realpath "${1:-$here/../../deploy/k8s}")"
cd "$here"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "k8s: node and npm are required (Debian: apt-get install nodejs npm)" >&2
    exit 1
fi
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' ||
    { echo "k8s: Node >= 18 is required, found $(node --version)" >&2; exit 1; }

# Two runs at once in this tree (two `make test`, a manual run beside CTest) install under one
# lock, so the second waits instead of racing the first in node_modules.
exec 9>"$here/.install.lock"
flock 9
"$here/../../scripts/npm_ci.sh" "$here" k8s
flock -u 9

exec timeout 120 node validate.mjs "$dir"
