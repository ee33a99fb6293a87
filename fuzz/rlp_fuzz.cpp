// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// libFuzzer target for yao/common/rlp. The input is read as a sequence of RLP items and walked
// into every list. The decoder accepts canonical encodings only, so a value has exactly one
// accepted encoding: whenever the walk succeeds, re-encoding what was read must reproduce the
// input byte for byte. Typed reads (integers, fixed-size strings) are cross-checked the same
// way. Any mismatch is a bug and aborts through YAO_ASSERT.
#include <cstddef>
#include <cstdint>
#include <string>

#include <yao/common/assert.hpp>
#include <yao/common/bytes.hpp>
#include <yao/common/rlp.hpp>

namespace {

using yao::Bytes;
using yao::BytesView;
namespace rlp = yao::rlp;

// Deeper nesting is legal RLP but is not walked: the recursion below uses the stack.
constexpr int kMaxDepth = 128;
// The typed cross-checks mostly fail and format an error context each time; checking every
// string of a long input would cost more than the walk itself, so only the first few are.
constexpr int kTypedChecksPerInput = 16;

/// Cross-checks the typed readers on one string item.
void check_string_item(const rlp::Item& item) {
    YAO_ASSERT(rlp::string_encoded_length(item.payload) == item.encoded.size());

    rlp::Reader as_list{item.encoded};
    auto list = as_list.read_list();
    YAO_ASSERT(!list && list.error() == rlp::Errc::kUnexpectedString);
    YAO_ASSERT(as_list.remaining() == item.encoded.size());

    rlp::Reader as_u64{item.encoded};
    if (auto v = as_u64.read_u64()) {
        Bytes again;
        rlp::encode_uint(again, *v);
        YAO_ASSERT(again == item.encoded);
        YAO_ASSERT(rlp::uint_encoded_length(*v) == item.encoded.size());
        YAO_ASSERT(as_u64.at_end());
    } else {
        YAO_ASSERT(as_u64.remaining() == item.encoded.size());
    }

    rlp::Reader as_word{item.encoded};
    if (auto be = as_word.read_uint_be(32)) {
        Bytes again;
        rlp::encode_uint_be(again, *be);
        YAO_ASSERT(again == item.encoded);
        YAO_ASSERT(be->size() <= 32);
    }

    rlp::Reader as_hash{item.encoded};
    auto hash = as_hash.read_fixed<32>();
    YAO_ASSERT(hash.has_value() == (item.payload.size() == 32));
    if (hash) YAO_ASSERT(hash->view() == item.payload);
}

/// Re-encodes every item of `reader` into `out`, walking into lists. False when the bytes are
/// not canonical RLP or nest deeper than kMaxDepth.
bool reencode_items(rlp::Reader reader, Bytes& out, int depth, int& typed_checks_left) {
    while (!reader.at_end()) {
        const size_t before = reader.remaining();
        auto item = reader.read_item();
        if (!item) {
            YAO_ASSERT(reader.remaining() == before);  // a failed read consumes nothing
            (void)item.error().message();              // exercise the context formatting
            return false;
        }
        YAO_ASSERT(before - reader.remaining() == item->encoded.size());
        YAO_ASSERT(item->payload.size() < item->encoded.size() || item->encoded.size() == 1);

        if (!item->is_list) {
            if (typed_checks_left > 0) {
                --typed_checks_left;
                check_string_item(*item);
            }
            rlp::encode_string(out, item->payload);
            continue;
        }

        YAO_ASSERT(rlp::list_header_length(item->payload.size()) + item->payload.size() ==
                   item->encoded.size());
        rlp::Reader as_string{item->encoded};
        auto s = as_string.read_string();
        YAO_ASSERT(!s && s.error() == rlp::Errc::kUnexpectedList);

        if (depth >= kMaxDepth) return false;
        rlp::Reader whole{item->encoded};
        auto inner = whole.read_list();
        YAO_ASSERT(inner.has_value() && whole.at_end());
        YAO_ASSERT(inner->remaining() == item->payload.size());

        Bytes payload;
        if (!reencode_items(*inner, payload, depth + 1, typed_checks_left)) return false;
        YAO_ASSERT(payload == item->payload);
        rlp::encode_list(out, payload);
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const BytesView input{data, size};

    auto one = rlp::decode_exactly_one(input);
    if (one) {
        YAO_ASSERT(one->encoded.size() == size);
        YAO_ASSERT(one->encoded.data() == data);
    }

    Bytes reencoded;
    int typed_checks_left = kTypedChecksPerInput;
    if (reencode_items(rlp::Reader{input}, reencoded, 0, typed_checks_left)) {
        // Canonical decoding implies a unique encoding.
        YAO_ASSERT(reencoded == input);
    }
    return 0;
}
