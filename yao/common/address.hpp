// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#pragma once
#include <string>

#include "bytes.hpp"

namespace yao {

/// EIP-55 mixed-case checksum form: "0x" + 40 hex digits, a letter upper case when the
/// matching nibble of keccak256(lower-case hex) is 8 or more.
std::string to_checksum_hex(const Address& address);

}  // namespace yao
