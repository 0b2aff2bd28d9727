#pragma once
// A value of the stap language at run time: a 64-bit integer or a string. A variable
// nothing was stored in yet is Unset, and reads as 0 or "" by use, as stap's
// zero-initialized globals and locals do.

#include <compare>
#include <cstdint>
#include <string>
#include <vector>

namespace kctx::probe {

struct Value {
	enum class Type { Unset, Long, String };
	Type type = Type::Unset;
	int64_t n = 0;
	std::string s;

	static Value of(int64_t v) { return Value{Type::Long, v, {}}; }
	static Value of(std::string v) { return Value{Type::String, 0, std::move(v)}; }

	[[nodiscard]] bool is_string() const { return type == Type::String; }
	[[nodiscard]] int64_t num() const { return type == Type::Long ? n : 0; }
	[[nodiscard]] std::string str() const { return type == Type::Long ? std::to_string(n) : s; }
	// Array keys order integers numerically and strings lexically, as foreach's sorts do.
	[[nodiscard]] std::strong_ordering operator<=>(const Value& o) const
	{
		if (is_string() || o.is_string())
			return str() <=> o.str();
		return num() <=> o.num();
	}
	[[nodiscard]] bool operator==(const Value& o) const { return (*this <=> o) == 0; }
};

using Key = std::vector<Value>;

}  // namespace kctx::probe
