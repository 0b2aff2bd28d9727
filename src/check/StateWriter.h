// The serializer of the explorer's hot path: the archive the Abstractor writes a state
// with, once per transition. It takes the same serialize() lists as base/Serialize.h's
// Writer (an archive is any type with operator(), raw() and `reading`), but each
// arithmetic field is appended inline with its size known at compile time: a machine is
// some two thousand small fields, and the Writer's out-of-line raw() with a variable
// length (a memcpy call each) was most of the search's time (docs/check.md, "Speed").
// With page digests on, a memory page enters as its 64-bit hash, remembered per shared
// page as the Writer does.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "base/Hash.h"
#include "base/Serialize.h"

namespace kctx::check {

class StateWriter {
public:
	static constexpr bool reading = false;

	template <typename... Ts>
	void operator()(Ts&... vs)
	{
		(put(vs), ...);
	}
	[[nodiscard]] std::string_view bytes() const { return {m_buf.data(), m_len}; }
	void clear() { m_len = 0; }
	// From now on a block of `min_bytes` or more (a memory page) is written as its hash.
	void digest_blocks(size_t min_bytes) { m_digest_min = min_bytes; }

	void raw(const void* p, size_t n)
	{
		if (m_digest_min && n >= m_digest_min) {
			uint64_t digest = hash_bytes(p, n);
			fixed<sizeof digest>(&digest);
			return;
		}
		if (n == 0)
			return;
		reserve(n);
		std::memcpy(m_buf.data() + m_len, p, n);
		m_len += n;
	}
	// A page shared copy-on-write is never written in place (its owners copy it first),
	// so its digest can be remembered by its address (kept alive so the address is not
	// reused, which also keeps it shared: a write to it copies it): states that share a
	// page hash it once.
	template <typename T>
	void shared_block(const std::shared_ptr<T>& block, size_t n)
	{
		if (!m_digest_min || n < m_digest_min) {
			raw(block.get(), n);
			return;
		}
		uint64_t* known = remembered(block);
		uint64_t digest = known ? *known : hash_bytes(block.get(), n);
		if (!known)
			remember(block, digest);
		fixed<sizeof digest>(&digest);
	}
	// A value shared copy-on-write the same way (a memory's region list): with digests
	// on, it enters as the hash of its bytes, remembered by its address; else as itself.
	template <typename T>
	void shared_value(const std::shared_ptr<T>& value)
	{
		if (!m_digest_min) {
			put(*value);
			return;
		}
		uint64_t* known = remembered(value);
		uint64_t digest = 0;
		if (known) {
			digest = *known;
		} else {
			StateWriter inner;
			inner(*value);
			digest = hash_bytes(inner.m_buf.data(), inner.m_len);
			remember(value, digest);
		}
		fixed<sizeof digest>(&digest);
	}

private:
	template <typename T>
	[[gnu::always_inline]] void put(T& v)
	{
		if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
			fixed<sizeof(T)>(&v);
		} else if constexpr (requires { v.serialize(*this); }) {
			v.serialize(*this);
		} else {
			io(*this, v);
		}
	}
	template <size_t N>
	[[gnu::always_inline]] void fixed(const void* p)
	{
		reserve(N);
		std::memcpy(m_buf.data() + m_len, p, N);   // a constant size: a move or two
		m_len += N;
	}
	[[gnu::always_inline]] void reserve(size_t n)
	{
		if (m_len + n > m_buf.size()) [[unlikely]]
			grow(n);
	}
	[[gnu::noinline, gnu::cold]] void grow(size_t n) { m_buf.resize(std::max(m_buf.size() * 2, m_len + n + 4096)); }
	template <typename T>
	uint64_t* remembered(const std::shared_ptr<T>& p)
	{
		auto it = m_digests.find(p.get());
		return it == m_digests.end() ? nullptr : &it->second.digest;
	}
	template <typename T>
	void remember(const std::shared_ptr<T>& p, uint64_t digest)
	{
		if (m_digests.size() >= kMaxDigests) [[unlikely]]
			evict_digests();
		m_digests.emplace(p.get(), Digest{p, digest});
	}
	// Bounded: the values only this cache keeps alive go first (no state holds them, so
	// none will ask again); the whole cache only if the live ones alone fill half of it.
	// (Clearing it all each time it filled made every live page be hashed again.)
	[[gnu::noinline, gnu::cold]] void evict_digests()
	{
		std::erase_if(m_digests, [](const auto& e) { return e.second.keep.use_count() == 1; });
		if (m_digests.size() >= kMaxDigests / 2)
			m_digests.clear();
	}

	struct Digest {
		std::shared_ptr<const void> keep;
		uint64_t digest = 0;
	};
	static constexpr size_t kMaxDigests = 1 << 11;   // at most 8 MiB of dead pages kept alive
	std::vector<char> m_buf;
	size_t m_len = 0;
	size_t m_digest_min = 0;
	std::unordered_map<const void*, Digest> m_digests;
};

}  // namespace kctx::check
