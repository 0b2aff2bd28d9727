// Binary serialization of plain-data state. A state type lists its fields once:
//
//   template <typename Ar> void serialize(Ar& ar) { ar(m_pid, m_comm, m_frames); }
//
// and gets writing, reading and hashing from that one list. Snapshots, dumps and
// state hashes are all built on it, so a field left out of serialize() is a bug the
// snapshot tests catch.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "base/Hash.h"
#include "base/Result.h"

namespace kctx {

class Writer {
public:
	static constexpr bool reading = false;
	template <typename... Ts>
	void operator()(Ts&... vs) { (put(vs), ...); }
	[[nodiscard]] std::string_view bytes() const { return {m_out.data(), m_len}; }
	std::string take()
	{
		m_out.resize(m_len);
		m_len = 0;
		return std::move(m_out);
	}
	// Empties the output, keeping its capacity (a writer reused for many values).
	void clear() { m_len = 0; }
	// From now on a block of `min_bytes` or more (a memory page) is written as its 64-bit
	// hash: a state hash built on these bytes hashes each page once, not twice (0: off).
	void digest_blocks(size_t min_bytes)
	{
		m_digest_min = min_bytes;
		m_block_digests.clear();
	}
	// A block shared copy-on-write (a memory page): with digest_blocks on, its digest is
	// remembered by its address, the block kept alive so the address is not reused. A
	// shared block is never written in place (its owners copy it first), so the digest
	// stays right; machines that share a page hash it once.
	template <typename T>
	void shared_block(const std::shared_ptr<T>& block, size_t n)
	{
		if (!m_digest_min || n < m_digest_min) {
			raw(block.get(), n);
			return;
		}
		auto it = m_block_digests.find(block.get());
		if (it == m_block_digests.end()) {
			if (m_block_digests.size() >= kMaxBlockDigests)
				m_block_digests.clear();   // bounded: the oldest pages may be freed again
			it = m_block_digests.emplace(block.get(), BlockDigest{block, hash_bytes(block.get(), n)}).first;
		}
		uint64_t digest = it->second.digest;
		raw(&digest, sizeof digest);
	}
	void raw(const void* p, size_t n)
	{
		if (n == 0)   // an empty vector's data() may be null: no memcpy from it
			return;
		uint64_t digest = 0;
		if (m_digest_min && n >= m_digest_min) {
			digest = hash_bytes(p, n);
			p = &digest;
			n = sizeof digest;
		}
		// The buffer grows by doubling and is written with memcpy: serializing a machine is
		// thousands of small fields, and std::string::append's checks add up.
		if (m_len + n > m_out.size())
			m_out.resize(std::max(m_out.size() * 2, m_len + n + 256));
		std::memcpy(m_out.data() + m_len, p, n);
		m_len += n;
	}

private:
	template <typename T>
	void put(T& v)
	{
		if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
			raw(&v, sizeof v);
		} else if constexpr (requires { v.serialize(*this); }) {
			v.serialize(*this);
		} else {
			io(*this, v);
		}
	}
	struct BlockDigest {
		std::shared_ptr<const void> keep;
		uint64_t digest = 0;
	};
	static constexpr size_t kMaxBlockDigests = 1 << 14;   // at most 64 MiB of pages kept
	std::string m_out;
	size_t m_len = 0;
	size_t m_digest_min = 0;
	std::unordered_map<const void*, BlockDigest> m_block_digests;
};

class Reader {
public:
	static constexpr bool reading = true;
	explicit Reader(std::string_view in) : m_in(in) {}
	template <typename... Ts>
	void operator()(Ts&... vs) { (get(vs), ...); }
	[[nodiscard]] bool failed() const { return m_failed; }
	[[nodiscard]] bool at_end() const { return m_pos == m_in.size(); }
	[[nodiscard]] size_t remaining() const { return m_in.size() - m_pos; }
	void fail() { m_failed = true; }
	bool raw(void* p, size_t n)
	{
		if (n == 0)
			return !m_failed;
		if (m_failed || m_in.size() - m_pos < n) {
			m_failed = true;
			std::memset(p, 0, n);
			return false;
		}
		std::memcpy(p, m_in.data() + m_pos, n);
		m_pos += n;
		return true;
	}

private:
	template <typename T>
	void get(T& v)
	{
		if constexpr (std::is_same_v<T, bool>) {
			// A byte other than 0 or 1 is a corrupt input, not a bool: loading it as one
			// would be undefined behaviour (UBSan's "not a valid value for type 'bool'").
			uint8_t byte = 0;
			raw(&byte, 1);
			if (byte > 1)
				fail();
			v = byte == 1;
		} else if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
			raw(&v, sizeof v);
		} else if constexpr (requires { v.serialize(*this); }) {
			v.serialize(*this);
		} else {
			io(*this, v);
		}
	}
	std::string_view m_in;
	size_t m_pos = 0;
	bool m_failed = false;
};

// Containers. A length read back is bounded by the bytes left, so a corrupt dump
// fails cleanly instead of allocating without limit.
template <typename Ar>
inline bool io_size(Ar& ar, uint64_t& n)
{
	ar(n);
	if constexpr (Ar::reading) {
		// Every element takes at least one byte, so a count above the bytes left is a
		// lie: refuse it before allocating for it.
		if (ar.failed() || n > (1ull << 32) || n > ar.remaining()) {
			ar.fail();
			return false;
		}
	}
	return true;
}

template <typename Ar>
void io(Ar& ar, std::string& s)
{
	uint64_t n = s.size();
	if (!io_size(ar, n))
		return;
	if constexpr (Ar::reading) {
		s.resize(n);
		ar.raw(s.data(), n);
	} else {
		ar.raw(s.data(), n);
	}
}

template <typename Ar, typename T>
void io(Ar& ar, std::vector<T>& v)
{
	uint64_t n = v.size();
	if (!io_size(ar, n))
		return;
	if constexpr (Ar::reading)
		v.resize(n);
	if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
		ar.raw(v.data(), n * sizeof(T));
	} else {
		for (auto& x : v)
			ar(x);
	}
}

template <typename Ar, typename T, size_t N>
void io(Ar& ar, std::array<T, N>& a)
{
	if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
		ar.raw(a.data(), N * sizeof(T));
	} else {
		for (auto& x : a)
			ar(x);
	}
}

template <typename Ar, typename T>
void io(Ar& ar, std::optional<T>& o)
{
	bool has = o.has_value();
	ar(has);
	if constexpr (Ar::reading) {
		if (has)
			o.emplace();
		else
			o.reset();
	}
	if (has)
		ar(*o);
}

template <typename Ar, typename K, typename V>
void io(Ar& ar, std::map<K, V>& m)
{
	uint64_t n = m.size();
	if (!io_size(ar, n))
		return;
	if constexpr (Ar::reading) {
		m.clear();
		for (uint64_t i = 0; i < n && !ar.failed(); i++) {
			K k{};
			V v{};
			ar(k, v);
			m.emplace(std::move(k), std::move(v));
		}
	} else {
		for (auto& [k, v] : m) {
			K key = k;
			ar(key, v);
		}
	}
}

template <typename Ar, typename K>
void io(Ar& ar, std::set<K>& set)
{
	uint64_t n = set.size();
	if (!io_size(ar, n))
		return;
	if constexpr (Ar::reading) {
		set.clear();
		for (uint64_t i = 0; i < n && !ar.failed(); i++) {
			K k{};
			ar(k);
			set.insert(std::move(k));
		}
	} else {
		for (const K& k : set) {
			K key = k;
			ar(key);
		}
	}
}

template <typename Ar, typename A, typename B>
void io(Ar& ar, std::pair<A, B>& p) { ar(p.first, p.second); }

template <size_t I, typename Ar, typename... Ts>
void io_variant_alt(Ar& ar, std::variant<Ts...>& v, size_t index)
{
	if constexpr (I < sizeof...(Ts)) {
		if (index == I) {
			if constexpr (Ar::reading)
				v.template emplace<I>();
			ar(std::get<I>(v));
			return;
		}
		io_variant_alt<I + 1>(ar, v, index);
	}
}

template <typename Ar, typename... Ts>
void io(Ar& ar, std::variant<Ts...>& v)
{
	uint32_t index = static_cast<uint32_t>(v.index());
	ar(index);
	if constexpr (Ar::reading) {
		if (index >= sizeof...(Ts)) {
			ar.fail();
			return;
		}
	}
	io_variant_alt<0>(ar, v, index);
}

template <typename T>
[[nodiscard]] std::string serialize_to_bytes(const T& value)
{
	Writer w;
	w(const_cast<T&>(value));
	return w.take();
}

template <typename T>
[[nodiscard]] Result<T> deserialize_from_bytes(std::string_view bytes)
{
	Reader r(bytes);
	T value{};
	r(value);
	if (r.failed() || !r.at_end())
		return Error{"corrupt or truncated state"};
	return value;
}

template <typename T>
[[nodiscard]] uint64_t state_hash(const T& value)
{
	std::string bytes = serialize_to_bytes(value);
	return hash_bytes(bytes.data(), bytes.size());
}

}  // namespace kctx
