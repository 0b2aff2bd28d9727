// The visited set of a search, in one of three forms (--hash): every state's bytes, a
// 64-bit hash of them in an open-addressing table (Spin's hash compaction), or Spin's
// bitstate hashing (a bit array of 2^w bits, three bits a state). Sizes are what the
// tables really hold, so bytes per state is an honest figure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kctx::check {

enum class HashMode : uint8_t {
	Exact,     // every stored state's abstraction, byte for byte: no state is ever lost
	Compact,   // a 64-bit hash of it (Spin's hash compaction): 16 bytes a state, rare losses
	Bitstate,  // Spin's supertrace: 3 bits of a 2^w-bit array a state, more losses, fixed memory
};

class Store {
public:
	// bitstate_log2: the bit array's size, 2^w bits (Spin's -w), for HashMode::Bitstate.
	// track_depth: keep each state's depth (iterative deepening; not with Bitstate).
	Store(HashMode mode, uint32_t bitstate_log2, bool track_depth = false);
	// True if the state is new, or (with `depth`) was stored deeper than `depth` before:
	// it is stored now at `depth`. Iterative deepening re-expands a state reached
	// shallower; the other searches pass ~0u and ask only "new?".
	bool insert(std::string_view bytes, uint64_t hash, uint32_t depth = ~0u);
	void clear();
	[[nodiscard]] uint64_t bytes() const;
	[[nodiscard]] uint64_t size() const { return m_size; }

private:
	bool insert_hash(uint64_t hash, uint32_t depth);
	bool insert_bits(uint64_t hash);
	void grow();

	HashMode m_mode;
	uint32_t m_log2;
	bool m_track_depth;
	uint64_t m_size = 0;
	// Compact: keys (0 is "empty"; a hash of 0 is stored as 1) and their depths.
	std::vector<uint64_t> m_keys;
	std::vector<uint32_t> m_depths;   // only with track_depth
	std::vector<uint64_t> m_bits;   // Bitstate
	std::unordered_map<std::string, uint32_t> m_exact;
	uint64_t m_exact_bytes = 0;
};

}  // namespace kctx::check
