// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
// Trace ids in the W3C Trace Context form, born where a request enters (the Portal for a
// transaction) and carried to every process that logs about it (docs/operations.md "Traces").
#include <cstddef>
#include <string>

namespace yao::infra {

/// `digits` random lowercase hex digits, not all zero (32: a trace id, 16: a span id).
std::string random_hex_id(std::size_t digits);

/// A new W3C trace id (32 hex digits).
inline std::string new_trace_id() { return random_hex_id(32); }

}  // namespace yao::infra
