#pragma once
/// The engine's own pseudo-random numbers: xoshiro256** seeded by splitmix64, so a seed gives the
/// same schedule on every platform (std::uniform_int_distribution is not portable).

#include <cstdint>

namespace kollega::groups {

/// xoshiro256** (Blackman & Vigna), state filled from a 64-bit seed by splitmix64.
class Rng {
public:
    /// Seeds the generator.
    explicit Rng(std::uint64_t seed) {
        for (auto& word : s_) {
            seed += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            word = z ^ (z >> 31);
        }
    }
    /// The next 64 random bits.
    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    /// A number in [0, bound) (bound > 0), by Lemire's multiply-shift (bias below 2^-32 for our bounds).
    int below(int bound) {
        return static_cast<int>(((next() >> 32) * static_cast<std::uint64_t>(bound)) >> 32);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t s_[4]{};
};

}  // namespace kollega::groups
