# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The YaoVerse Authors
#
#   make dev     install what is missing, build, run the single-node chain (yaoverse dev;
#                DEV_ARGS passes options, e.g. DEV_ARGS=--in-memory; Ctrl-C stops it)
#   make test    install what is missing, build, run every test through CTest
#   make bench   build and run the benchmarks, write bench/REPORT.md
#   make fuzz    build the libFuzzer targets with clang and run each for FUZZ_SECONDS
#   make conformance  run the Ethereum state tests (../shared/conformance/state): Cancun, Prague, Osaka
#   make soak    the cluster failure test (tests/cluster/failover.test.mjs) drawing random faults
#                for SOAK_MINUTES (default 30); FAILOVER_SEED replays a run
#   make cluster  build, then run a cluster on this machine (deploy/local/cluster.sh up
#                 CLUSTER_DIR) until Ctrl-C, which stops exactly the processes it started
.PHONY: all deps build dev test bench fuzz conformance cluster soak format clean

PRESET ?= release
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60

all: build

deps:
	@scripts/deps.sh

$(BUILD_DIR)/build.ninja:
	@cmake --preset $(PRESET) >/dev/null

build: deps $(BUILD_DIR)/build.ninja
	@cmake --build $(BUILD_DIR) -j $(JOBS)

DEV_ARGS ?=
dev: build
	@$(BUILD_DIR)/yao/app/yaoverse dev $(DEV_ARGS)

test: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

CONFORMANCE_DIR ?= ../shared/conformance/state
conformance: build
	@scripts/conformance.sh $(BUILD_DIR)/yao/app/yaoverse $(CONFORMANCE_DIR)

CLUSTER_DIR ?= build/cluster
cluster: build
	@trap 'deploy/local/cluster.sh down $(CLUSTER_DIR); exit 0' INT TERM EXIT; \
	deploy/local/cluster.sh up $(CLUSTER_DIR) && echo "Ctrl-C stops the cluster" && \
	while sleep 3600; do :; done

SOAK_MINUTES ?= 30
soak: build
	@FAILOVER_MINUTES=$(SOAK_MINUTES) E2E_TARGET=cluster E2E_SUITES=../cluster/failover E2E_KEEP_CLUSTER=1 \
		E2E_CONCURRENCY=1 E2E_TIMEOUT=$$(( $(SOAK_MINUTES) * 60 + 1500 )) \
		E2E_SUITE_TIMEOUT_MS=$$(( ($(SOAK_MINUTES) * 60 + 1400) * 1000 )) \
		tests/e2e/run.sh $(BUILD_DIR)/yao/app/yaoverse

bench: build
	@scripts/bench.sh $(BUILD_DIR)

fuzz:
	@scripts/deps.sh fuzz
	@cmake --preset fuzz >/dev/null
	@cmake --build build/fuzz -j $(JOBS)
	@scripts/fuzz.sh build/fuzz $(FUZZ_SECONDS)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	@rm -rf build
