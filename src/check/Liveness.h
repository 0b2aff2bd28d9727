// Which registers of a bytecode frame can still be read: live-variable analysis over a
// function's code (the textbook backward data flow). A register that every path from
// the frame's pc writes before it reads is dead there: its value cannot change anything
// the frame does from then on, so the explorer's abstraction leaves it out
// (docs/check.md, "State identity"). Without it, a temporary left over from an earlier
// computation (last round's loop variable, a call's result already used) splits states
// that will behave identically.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "vm/Program.h"

namespace kctx::check {

class Liveness {
public:
	// The registers of function `func` of `p` that may be read from `pc` on (before
	// they are written): bit r of word r / 64. Null if `pc` is not an instruction's
	// first word of that function (then every register counts as live). Computed once
	// per function and kept: programs are immutable while a search runs.
	[[nodiscard]] const uint64_t* live_at(const vm::Program& p, uint32_t func, uint32_t pc);

	// The analysis of one function: words() bitset words per pc, for every pc.
	struct Table {
		uint32_t words = 0;            // bitset words per instruction: (nregs + 63) / 64
		std::vector<uint64_t> live;    // live-in sets, `words` per pc
		std::vector<bool> first_word;  // an instruction starts at this pc (not a call's second word)
	};
	[[nodiscard]] static Table analyse(const vm::Function& f);

private:
	struct Key {
		const vm::Program* program;
		uint32_t func;
		bool operator==(const Key&) const = default;
	};
	struct KeyHash {
		size_t operator()(const Key& k) const
		{
			return std::hash<const void*>()(k.program) * 31 + k.func;
		}
	};
	std::unordered_map<Key, std::unique_ptr<Table>, KeyHash> m_tables;
};

}  // namespace kctx::check
