// lockdep's state (see Lockdep.h): plain data, part of the Machine.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kctx::kernel {

// All of lockdep's state; part of the Machine.
struct LockdepState {
	bool debug_locks = true;   // cleared by the first report (debug_locks_off())
	bool operator==(const LockdepState&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(debug_locks); }
};

}  // namespace kctx::kernel
