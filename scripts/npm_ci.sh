#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# scripts/npm_ci.sh DIR WHO: `npm ci` in DIR when its node_modules is missing or package-lock.json
# changed since the last install (a stamp in node_modules keeps the lock's hash), else nothing.
# WHO names the caller in the message. Callers that may run at once (CTest) hold a lock around it
# (tests/e2e/run.sh, tests/k8s/run.sh).
set -euo pipefail
cd "$1"
stamp=node_modules/.package-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "$2: npm ci (package-lock.json changed or node_modules missing)"
    timeout 180 npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > "$stamp"
fi
