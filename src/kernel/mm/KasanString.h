// The memory accesses of the kernel's mem*/str* functions as a KASAN kernel checks them
// (Linux 6.1). Two kinds:
//   - memcpy, memmove, memset are intercepted by mm/kasan/shadow.c: kasan_check_range()
//     on the source, then on the destination, before the copy; a report makes them
//     return NULL without copying, and the report names their caller (_RET_IP_);
//   - lib/string.c's strcpy, strcat, strlen, strcmp, memcmp … are ordinary instrumented
//     C: every byte (memcmp: word) load and store is checked where it happens, the access
//     goes ahead after a report, and the report names the string function itself.
// The natives (Libc.cpp) and the kernel's report path (KasanString.cpp) walk the same
// accesses, so both agree on which access is the first bad one.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "abi/Builtins.h"
#include "vm/Interpreter.h"

namespace kctx::kernel {

enum class KasanStringKind : uint8_t {
	None,      // not a memory or string function
	Range,     // mm/kasan/shadow.c: one check per buffer, before the copy
	Bytes,     // lib/string.c: each load and store checked in order
};

struct KasanAccess {
	uint64_t addr = 0;
	uint64_t size = 0;
	bool write = false;
	// Bytes: the instruction in lib/string.c that made it, as %pS prints it
	// ("strcpy+0x34/0x60"); Range: the interceptor's return address from
	// kasan_check_range ("memcpy+0x39/0x60").
	std::string_view site;
};

[[nodiscard]] KasanStringKind kasan_string_kind(abi::BuiltinId id);

// Calls visit() for each access the function makes with these arguments, in the order
// it makes them (reading the strings from `mem` to know where they end), until visit()
// returns false. Size-0 accesses are skipped: check_region_inline() passes them. Returns
// false when the memory cannot be read (a wild pointer: the copy itself will fault), and
// then says in *unreadable which load it could not make.
[[nodiscard]] bool kasan_string_accesses(abi::BuiltinId id, std::span<const uint64_t> args, const vm::AddressSpace& mem,
					 const std::function<bool(const KasanAccess&)>& visit,
					 KasanAccess* unreadable = nullptr);

}  // namespace kctx::kernel
