// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "system_contracts.hpp"

#include <yao/common/hex.hpp>

namespace yao::chain {

const Address& history_storage_address() noexcept {
    static const Address address =
        address_from_hex("0x0000F90827F1C53a10cb7A02335B175320002935").value();
    return address;
}

const Bytes& history_storage_code() {
    static const Bytes code =
        from_hex("0x3373fffffffffffffffffffffffffffffffffffffffe14604657602036036042575f3560014303"
                 "8111604257611fff81430311604257611fff9006545f5260205ff35b5f5ffd5b5f35611fff6001"
                 "4303065500")
            .value();
    return code;
}

}  // namespace yao::chain
