#include "check/Store.h"

#include <algorithm>

namespace kctx::check {

namespace {
constexpr size_t kInitialSlots = 1 << 12;

// A second, independent-enough hash from the first (splitmix64's finalizer), for the
// bitstate's other bit positions and the table's probe start.
uint64_t remix(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}
}  // namespace

Store::Store(HashMode mode, uint32_t bitstate_log2, bool track_depth)
	: m_mode(mode), m_log2(bitstate_log2), m_track_depth(track_depth)
{
	clear();
}

void Store::clear()
{
	m_size = 0;
	m_exact.clear();
	m_exact_bytes = 0;
	if (m_mode == HashMode::Compact) {
		m_keys.assign(kInitialSlots, 0);
		m_depths.assign(m_track_depth ? kInitialSlots : 0, 0);
	} else if (m_mode == HashMode::Bitstate) {
		m_bits.assign(std::max<uint64_t>(1, (uint64_t{1} << m_log2) / 64), 0);
	}
}

bool Store::insert(std::string_view bytes, uint64_t hash, uint32_t depth)
{
	switch (m_mode) {
	case HashMode::Compact: return insert_hash(hash, depth);
	case HashMode::Bitstate: return insert_bits(hash);
	case HashMode::Exact: break;
	}
	auto it = m_exact.find(std::string(bytes));
	if (it != m_exact.end()) {
		if (!m_track_depth || depth >= it->second)
			return false;
		it->second = depth;
		return true;
	}
	m_exact.emplace(std::string(bytes), depth);
	m_exact_bytes += bytes.size();
	m_size++;
	return true;
}

bool Store::insert_hash(uint64_t hash, uint32_t depth)
{
	uint64_t key = hash ? hash : 1;
	if ((m_size + 1) * 2 > m_keys.size())
		grow();
	size_t mask = m_keys.size() - 1;
	for (size_t i = remix(key) & mask;; i = (i + 1) & mask) {
		if (m_keys[i] == key) {
			if (!m_track_depth || depth >= m_depths[i])
				return false;
			m_depths[i] = depth;
			return true;
		}
		if (m_keys[i] == 0) {
			m_keys[i] = key;
			if (m_track_depth)
				m_depths[i] = depth;
			m_size++;
			return true;
		}
	}
}

void Store::grow()
{
	std::vector<uint64_t> keys(m_keys.size() * 2, 0);
	std::vector<uint32_t> depths(m_track_depth ? keys.size() : 0, 0);
	size_t mask = keys.size() - 1;
	for (size_t j = 0; j < m_keys.size(); j++) {
		if (!m_keys[j])
			continue;
		size_t i = remix(m_keys[j]) & mask;
		while (keys[i])
			i = (i + 1) & mask;
		keys[i] = m_keys[j];
		if (m_track_depth)
			depths[i] = m_depths[j];
	}
	m_keys.swap(keys);
	m_depths.swap(depths);
}

bool Store::insert_bits(uint64_t hash)
{
	// Three bit positions, as Spin's default -k3: the state is taken as seen when all
	// three are set already (a collision loses a state; the array never grows).
	uint64_t nbits = m_bits.size() * 64;
	uint64_t h2 = remix(hash);
	uint64_t pos[3] = {hash % nbits, h2 % nbits, remix(h2 ^ hash) % nbits};
	bool fresh = false;
	for (uint64_t p : pos) {
		uint64_t bit = uint64_t{1} << (p % 64);
		if (!(m_bits[p / 64] & bit)) {
			fresh = true;
			m_bits[p / 64] |= bit;
		}
	}
	m_size += fresh;
	return fresh;
}

uint64_t Store::bytes() const
{
	switch (m_mode) {
	case HashMode::Compact: return m_keys.size() * sizeof(uint64_t) + m_depths.size() * sizeof(uint32_t);
	case HashMode::Bitstate: return m_bits.size() * sizeof(uint64_t);
	case HashMode::Exact: break;
	}
	return m_exact_bytes;
}

}  // namespace kctx::check
