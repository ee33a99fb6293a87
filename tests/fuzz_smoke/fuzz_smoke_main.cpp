// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
//
// A libFuzzer target run without libFuzzer, in every `ctest` run: its seed corpus, then a
// bounded number of deterministic mutations of the seeds (bit flips, interesting bytes, token
// insertions, truncations, duplicated slices, splices of two seeds). The target aborts on any
// property violation (YAO_ASSERT); this driver only feeds it. Linked once per target.
//
// Usage: <target>_fuzz_smoke SEED_CORPUS_DIR ITERATIONS
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

using Input = std::string;

// Bytes and tokens that matter to the formats under test (JSON, RLP, protobuf).
constexpr unsigned char kBytes[] = {0x00, 0x01, 0x7f, 0x80, 0xff, '{', '}', '[', ']', '"', ':',
                                    ',', '0', '-', '\\', 'x', 0xc0, 0xf8, 0xb8, 0x08, 0x0a, 0x12};
const char* const kTokens[] = {"null", "true", "0x", "0x0", "\"0x00\"", "[]", "{}", "\"latest\"",
                               "1e999", "-1", "\"jsonrpc\":\"2.0\"", "\"method\":", "\"params\":",
                               "\"id\":", "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                               "[[[[[[[[", "\"\\u0000\"", "\xc0", "\xf8\xff"};

std::vector<Input> load(const char* dir) {
    std::vector<Input> seeds;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator{dir, ec}) {
        if (!entry.is_regular_file()) continue;
        std::string text(static_cast<size_t>(entry.file_size()), '\0');
        std::ifstream in{entry.path(), std::ios::binary};
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        seeds.push_back(std::move(text));
    }
    if (ec) std::fprintf(stderr, "fuzz_smoke: cannot read %s: %s\n", dir, ec.message().c_str());
    return seeds;
}

void run(const Input& in) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(in.data()), in.size());
}

Input mutate(std::mt19937_64& rng, const std::vector<Input>& seeds) {
    Input s = seeds[rng() % seeds.size()];
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
        const size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
        switch (rng() % 7) {
            case 0:
                if (!s.empty()) s[at % s.size()] = static_cast<char>(s[at % s.size()] ^ (1 << (rng() % 8)));
                break;
            case 1:
                if (!s.empty()) s[at % s.size()] = static_cast<char>(kBytes[rng() % sizeof kBytes]);
                break;
            case 2: s.insert(at, kTokens[rng() % std::size(kTokens)]); break;
            case 3: s.resize(at); break;
            case 4:
                if (!s.empty()) {
                    const size_t from = rng() % s.size();
                    const size_t len = std::min<size_t>(1 + rng() % 64, s.size() - from);
                    s.insert(at, s.substr(from, len));
                }
                break;
            case 5: {
                const Input& other = seeds[rng() % seeds.size()];
                if (!other.empty()) s = s.substr(0, at) + other.substr(rng() % other.size());
                break;
            }
            default: s.insert(at, 1, static_cast<char>(rng() & 0xff)); break;
        }
        if (s.size() > (1u << 16)) s.resize(1u << 16);
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s SEED_CORPUS_DIR ITERATIONS\n", argv[0]);
        return 2;
    }
    std::vector<Input> seeds = load(argv[1]);
    if (seeds.empty()) {
        std::fprintf(stderr, "fuzz_smoke: no seeds in %s\n", argv[1]);
        return 1;
    }
    const size_t iterations = std::strtoull(argv[2], nullptr, 10);
    for (const Input& s : seeds) run(s);
    std::mt19937_64 rng{20261207};
    for (size_t i = 0; i < iterations; ++i) run(mutate(rng, seeds));
    std::printf("fuzz_smoke: %zu seeds, %zu mutations, no failure\n", seeds.size(), iterations);
    return 0;
}
