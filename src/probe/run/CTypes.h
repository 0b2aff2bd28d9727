#pragma once
// The C types of a scenario's code as stap's DWARF reader sees them: what `$t->expires`,
// `$buf[2]` and `@var("tick")->expires` need — each type's size
// and signedness, what a pointer points at, a struct's or union's members and offsets.
// The table is keyed by the type's C spelling (vm::VarInfo::type), made by the front end
// (cli/StapSession.cpp) from the compiled unit; the walk below checks a member chain when
// the script is analysed and reads it when the probe fires.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kctx::probe {

struct CMember {
	std::string name;
	uint64_t offset = 0;
	std::string type;   // a key of the CTypes it is in
	// A bit-field: bits [bit_offset, bit_offset + bit_width) of the storage unit of
	// `type`'s size at `offset` (DWARF's DW_AT_data_bit_offset); width 0: not one.
	uint8_t bit_offset = 0;
	uint8_t bit_width = 0;
};

struct CType {
	enum class Kind : uint8_t { Scalar, Pointer, Array, Record, Function, Other };
	Kind kind = Kind::Other;
	uint64_t size = 0;
	bool is_signed = false;
	std::string target;             // a pointer's pointee, an array's element ("" for void)
	std::vector<CMember> members;   // a struct's or union's, anonymous members' flattened in
	bool is_float = false;          // a floating scalar (pretty-printed as "?", as stap does)
};

using CTypes = std::map<std::string, CType>;

// A value of `size` bytes as its C type holds it in a 64-bit stap long: sign- or
// zero-extended.
[[nodiscard]] int64_t extend_value(uint64_t raw, uint64_t size, bool is_signed);
// A bit-field's value in its storage unit `raw`, sign-extended when its type is signed.
[[nodiscard]] int64_t extract_bits(uint64_t raw, uint8_t bit_offset, uint8_t bit_width, bool is_signed);

// One step of `$var->a[2]->b`: a member by name, or an element by index (`member` is then
// the index as the script wrote it, for messages; pass 2 checks with index 0).
struct Access {
	bool is_index = false;
	std::string member;
	int64_t index = 0;
};

// Where a chain of members leads: stap's semantic error if it leads nowhere, else the
// last member's type.
struct MemberCheck {
	std::string error;   // "unable to find member 'x' for struct timer_list (alternatives: ...)"
	const CType* last = nullptr;
	std::string last_type;   // its key in the table
};
// `whole`: the chain may end at a struct (pretty-printed as `$var->member$`).
[[nodiscard]] MemberCheck check_members(const CTypes& types, const std::string& type, std::span<const Access> chain,
					bool whole = false);

// The value at the end of the chain, starting from a variable of type `type` whose value
// is `start` (a pointer's value, or an aggregate's address): a scalar read and extended
// as its C type holds it, an array or a struct as its address. `read` fetches bytes of
// the probed context's memory; a failed read gives the address that faulted.
struct MemberRead {
	std::optional<int64_t> value;
	uint64_t fault = 0;
};
using MemoryRead = std::function<bool(uint64_t addr, void* out, size_t size)>;
[[nodiscard]] MemberRead read_members(const CTypes& types, const std::string& type, int64_t start,
				      std::span<const Access> chain, const MemoryRead& read);

}  // namespace kctx::probe
