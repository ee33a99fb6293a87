// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// Runs the libFuzzer target fuzz/rlp_fuzz.cpp without libFuzzer, so every ordinary test run
// exercises it: the seed corpus, generated valid encodings, and ~200,000 deterministic
// mutations of them (bit flips, byte and header edits, truncations, insertions, splices) plus
// random bytes. The target aborts on any property violation; this driver only feeds it.
//
// Usage: rlp_fuzz_smoke [seed_corpus_dir] [iterations]
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <ios>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <yao/common/bytes.hpp>
#include <yao/common/rlp.hpp>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using yao::Bytes;
using yao::BytesView;
namespace rlp = yao::rlp;

constexpr size_t kDefaultIterations = 200'000;
constexpr size_t kGeneratedSeeds = 300;
// Bytes that start or bound RLP headers: single byte, short string, long string, short list,
// long list.
constexpr uint8_t kInterestingBytes[] = {0x00, 0x01, 0x37, 0x38, 0x7f, 0x80, 0x81, 0xb7, 0xb8,
                                         0xb9, 0xbf, 0xc0, 0xc1, 0xf7, 0xf8, 0xf9, 0xfb, 0xff};

void run(BytesView input) {
    LLVMFuzzerTestOneInput(input.data(), input.size());
}

std::vector<Bytes> load_corpus(const char* dir) {
    std::vector<Bytes> seeds;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator{dir, ec}) {
        if (!entry.is_regular_file()) continue;
        // Read by size: istreambuf_iterator trips GCC 12's -Wnull-dereference.
        std::string text(static_cast<size_t>(entry.file_size()), '\0');
        std::ifstream in{entry.path(), std::ios::binary};
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        seeds.emplace_back(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    }
    if (ec) std::fprintf(stderr, "rlp_fuzz_smoke: cannot read %s: %s\n", dir, ec.message().c_str());
    return seeds;
}

/// Appends a random valid encoding: strings with lengths at the header boundaries, nested lists.
void generate(std::mt19937_64& rng, Bytes& out, int depth) {
    const uint64_t kind = rng() % 8;
    if (depth < 4 && kind < 3) {
        Bytes payload;
        const uint64_t count = rng() % 5 == 0 ? rng() % 30 : rng() % 4;
        for (uint64_t i = 0; i < count; ++i) generate(rng, payload, depth + 1);
        rlp::encode_list(out, payload);
    } else if (kind < 5) {
        rlp::encode_uint(out, rng() >> (rng() % 64));
    } else {
        static constexpr size_t kLengths[] = {0, 1, 1, 2, 20, 32, 55, 56, 57, 200, 256};
        Bytes s(kLengths[rng() % std::size(kLengths)], 0);
        for (auto& b : s) b = static_cast<uint8_t>(rng());
        rlp::encode_string(out, s);
    }
}

/// Offsets of every item header in a valid encoding, found by walking it.
void header_offsets(rlp::Reader reader, size_t base, std::vector<size_t>& out, int depth) {
    size_t offset = base;
    while (!reader.at_end() && depth < 16) {
        auto item = reader.read_item();
        if (!item) return;
        out.push_back(offset);
        if (item->is_list) {
            const size_t header = item->encoded.size() - item->payload.size();
            header_offsets(rlp::Reader{item->payload}, offset + header, out, depth + 1);
        }
        offset += item->encoded.size();
    }
}

Bytes mutate(std::mt19937_64& rng, const Bytes& base, const std::vector<size_t>& headers,
             const std::vector<Bytes>& pool) {
    Bytes m = base;
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    const int edits = 1 + static_cast<int>(rng() % 3);
    for (int e = 0; e < edits; ++e) {
        switch (rng() % 9) {
            case 0:  // flip one bit
                if (!m.empty()) m[pick(m.size())] ^= static_cast<uint8_t>(1u << pick(8));
                break;
            case 1:  // overwrite a byte with a header boundary value
                if (!m.empty())
                    m[pick(m.size())] = kInterestingBytes[pick(std::size(kInterestingBytes))];
                break;
            case 2:  // truncate
                if (!m.empty()) m.resize(pick(m.size()));
                break;
            case 3:  // nudge a header's first byte (its type and length)
            case 4:  // nudge a byte just after a header start (long-form lengths)
                if (!headers.empty()) {
                    const size_t at = headers[pick(headers.size())] + (rng() % 9 == 0 ? 1 : 0);
                    if (at < m.size()) m[at] = static_cast<uint8_t>(m[at] + (rng() % 2 ? 1 : 255));
                }
                break;
            case 5:  // replace a header byte with a random one
                if (!headers.empty()) {
                    const size_t at = headers[pick(headers.size())];
                    if (at < m.size()) m[at] = static_cast<uint8_t>(rng());
                }
                break;
            case 6:  // insert a byte
                m.insert(m.begin() + static_cast<std::ptrdiff_t>(pick(m.size() + 1)),
                         static_cast<uint8_t>(rng()));
                break;
            case 7:  // erase a byte
                if (!m.empty()) m.erase(m.begin() + static_cast<std::ptrdiff_t>(pick(m.size())));
                break;
            default: {  // splice: keep a prefix, append a suffix of another input
                const Bytes& other = pool[pick(pool.size())];
                const size_t cut = pick(m.size() + 1);
                const size_t from = pick(other.size() + 1);
                m.resize(cut);
                m.append(other, from);
                break;
            }
        }
    }
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    const char* corpus_dir = argc > 1 ? argv[1] : nullptr;
    const size_t iterations = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : kDefaultIterations;

    std::vector<Bytes> pool;
    if (corpus_dir != nullptr) pool = load_corpus(corpus_dir);
    const size_t corpus_seeds = pool.size();

    std::mt19937_64 rng{0x9e3779b97f4a7c15};
    for (size_t i = 0; i < kGeneratedSeeds; ++i) {
        Bytes b;
        generate(rng, b, 0);
        pool.push_back(std::move(b));
    }

    std::vector<std::vector<size_t>> headers(pool.size());
    size_t valid_seeds = 0;
    for (size_t i = 0; i < pool.size(); ++i) {
        run(pool[i]);
        if (rlp::decode_exactly_one(pool[i])) ++valid_seeds;
        header_offsets(rlp::Reader{pool[i]}, 0, headers[i], 0);
    }

    size_t decoded = 0;
    for (size_t i = 0; i < iterations; ++i) {
        Bytes input;
        if (i % 16 == 0) {  // plain random bytes
            input.resize(rng() % 64);
            for (auto& b : input) b = static_cast<uint8_t>(rng());
        } else {
            const size_t k = rng() % pool.size();
            input = mutate(rng, pool[k], headers[k], pool);
        }
        run(input);
        if (rlp::decode_exactly_one(input)) ++decoded;
    }

    std::printf(
        "rlp_fuzz_smoke: %zu corpus seeds, %zu generated, %zu of them valid; "
        "%zu mutated/random inputs, %zu decoded as one item\n",
        corpus_seeds, kGeneratedSeeds, valid_seeds, iterations, decoded);
    // The seeds must all be valid, or the mutations would not start from real RLP.
    if (valid_seeds != pool.size() || (corpus_dir != nullptr && corpus_seeds == 0)) {
        std::fprintf(stderr, "rlp_fuzz_smoke: seed corpus missing or not valid RLP\n");
        return 1;
    }
    return 0;
}
