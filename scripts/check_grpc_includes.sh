#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
# Fails when a file outside a `grpc/` folder includes gRPC or generated gRPC headers: grpcpp stays
# inside the adapters and yao/grpc (docs/grpc.md), so the rest of the tree builds without it.
# Usage: scripts/check_grpc_includes.sh [SOURCE_DIR]
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
offenders=$(grep -rlE '^\s*#\s*include\s*[<"](grpcpp/|grpc\+\+/|grpc/|[^>"]*\.grpc\.pb\.h)' \
  --include='*.hpp' --include='*.cpp' --include='*.h' --include='*.cc' \
  yao tests bench fuzz 2>/dev/null | grep -v '/grpc/' || true)
if [[ -n "$offenders" ]]; then
  echo "gRPC headers outside a grpc/ folder:" >&2
  echo "$offenders" >&2
  exit 1
fi
