#include "probe/run/CTypes.h"

#include <fmt/format.h>

namespace kctx::probe {

namespace {

const CType* find(const CTypes& types, const std::string& name)
{
	auto it = types.find(name);
	return it == types.end() ? nullptr : &it->second;
}

// One step of the chain: the struct `field` is looked up in (through a pointer to it,
// as stap's '->' goes through pointers and into embedded structs alike).
struct Step {
	const CType* record = nullptr;
	std::string record_name;
	std::string error;
};

Step record_of(const CTypes& types, const std::string& name, const std::string& field)
{
	const CType* t = find(types, name);
	if (t && t->kind == CType::Kind::Record)
		return {t, name, {}};
	if (t && t->kind == CType::Kind::Pointer) {
		const CType* to = find(types, t->target);
		if (to && to->kind == CType::Kind::Record)
			return {to, t->target, {}};
	}
	// dwflpp.cxx: a member of something that is not a struct (an int, a void*).
	return {nullptr, name, fmt::format("invalid access '->{}' vs '{}'", field, name)};
}

const CMember* member(const CType& record, const std::string& name)
{
	for (const CMember& m : record.members)
		if (m.name == name)
			return &m;
	return nullptr;
}

std::string missing_member(const Step& s, const std::string& field)
{
	std::string alternatives;
	for (const CMember& m : s.record->members)
		alternatives += " " + m.name;
	return fmt::format("unable to find member '{}' for {}{}", field, s.record_name,
			   alternatives.empty() ? "" : " (alternatives:" + alternatives + ")");
}

}  // namespace

namespace {

// One access of the chain from a value of type `at`: the offset from the address the value
// gives (a pointer's target, an aggregate's own) and the type found there.
struct Hop {
	uint64_t offset = 0;
	std::string type;
	std::string error;
	uint8_t bit_offset = 0, bit_width = 0;   // a bit-field member's bits
};

Hop hop(const CTypes& types, const std::string& at, const Access& a)
{
	if (!a.is_index) {
		Step s = record_of(types, at, a.member);
		if (!s.record)
			return {0, {}, s.error};
		const CMember* m = member(*s.record, a.member);
		if (!m)
			return {0, {}, missing_member(s, a.member)};
		return {m->offset, m->type, {}, m->bit_offset, m->bit_width};
	}
	const CType* t = find(types, at);
	const CType* element = t && (t->kind == CType::Kind::Pointer || t->kind == CType::Kind::Array)
				       ? find(types, t->target)
				       : nullptr;
	if (!element || element->size == 0)
		return {0, {}, fmt::format("invalid access '[{}]' vs '{}'", a.member, at)};
	return {static_cast<uint64_t>(a.index) * element->size, t->target, {}};
}

}  // namespace

MemberCheck check_members(const CTypes& types, const std::string& type, std::span<const Access> chain, bool whole)
{
	std::string at = type;
	for (const Access& a : chain) {
		Hop h = hop(types, at, a);
		if (!h.error.empty())
			return {h.error, nullptr};
		at = h.type;
	}
	const CType* last = find(types, at);
	// dwflpp.cxx: a whole struct is not a value stap can hold.
	if (last && last->kind == CType::Kind::Record && !whole)
		return {fmt::format("'{}' is being accessed instead of a member", at), nullptr, at};
	return {{}, last, at};
}

MemberRead read_members(const CTypes& types, const std::string& type, int64_t start, std::span<const Access> chain,
			const MemoryRead& read)
{
	auto value = static_cast<uint64_t>(start);   // a pointer's value, or an aggregate's address
	std::string at = type;
	for (const Access& a : chain) {
		Hop h = hop(types, at, a);
		const CType* t = h.error.empty() ? find(types, h.type) : nullptr;
		if (!t)
			return {};
		uint64_t addr = value + h.offset;
		at = h.type;
		if (t->kind == CType::Kind::Scalar || t->kind == CType::Kind::Pointer) {
			uint64_t raw = 0;
			if (!read(addr, &raw, std::min<uint64_t>(t->size, 8)))
				return {std::nullopt, addr};
			value = static_cast<uint64_t>(h.bit_width ? extract_bits(raw, h.bit_offset, h.bit_width, t->is_signed)
								  : extend_value(raw, t->size, t->is_signed));
		} else {
			value = addr;   // an array or an embedded struct: its address
		}
	}
	return {static_cast<int64_t>(value), 0};
}

int64_t extract_bits(uint64_t raw, uint8_t bit_offset, uint8_t bit_width, bool is_signed)
{
	if (bit_width == 0 || bit_width > 64 || bit_offset >= 64)
		return 0;
	uint64_t bits = raw >> bit_offset;
	if (bit_width == 64)
		return static_cast<int64_t>(bits);
	uint64_t mask = (uint64_t{1} << bit_width) - 1;
	bits &= mask;
	if (is_signed && (bits >> (bit_width - 1)) != 0)
		bits |= ~mask;
	return static_cast<int64_t>(bits);
}

int64_t extend_value(uint64_t raw, uint64_t size, bool is_signed)
{
	if (size >= 8 || size == 0)
		return static_cast<int64_t>(raw);
	unsigned bits = static_cast<unsigned>(size) * 8u;
	uint64_t mask = (uint64_t{1} << bits) - 1;
	raw &= mask;
	if (is_signed && (raw >> (bits - 1)) != 0)
		raw |= ~mask;
	return static_cast<int64_t>(raw);
}

}  // namespace kctx::probe
