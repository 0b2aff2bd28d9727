// Hashing of plain-data state: a streaming xxh3-64 over the bytes a value is made of.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kctx {

class Hasher {
public:
	Hasher();
	~Hasher();
	Hasher(const Hasher&) = delete;
	Hasher& operator=(const Hasher&) = delete;

	void bytes(const void* data, size_t size);
	template <typename T>
	requires std::is_arithmetic_v<T> || std::is_enum_v<T>
	void value(T v) { bytes(&v, sizeof v); }
	void string(std::string_view s) { value(s.size()); bytes(s.data(), s.size()); }
	[[nodiscard]] uint64_t digest() const;

private:
	void* m_state;
};

[[nodiscard]] uint64_t hash_bytes(const void* data, size_t size);

}  // namespace kctx
