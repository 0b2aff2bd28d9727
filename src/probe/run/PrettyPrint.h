#pragma once
// stap's pretty-printing suffixes, `$var$` and `$var$$` (stapprobes(3stap), "Pretty
// printing"; tapsets.cxx dwarf_pretty_print in SystemTap 4.8): a target variable printed
// as a string in its C type's shape. `$` prints the top level: a struct's members, a
// pointer's target (a top-level pointer is followed), an array's first element; nested
// structs and arrays are `{...}` and `[...]`. `$$` prints nested structs and arrays too,
// but still follows no pointer below the top. char arrays and char pointers print as
// strings, chars as quoted characters, other pointers as addresses. At most 32 values
// are printed (stap's format-argument limit), the rest is "...".

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "probe/run/CTypes.h"

namespace kctx::probe {

// The NUL-terminated string at an address of the probed context's memory, up to `max`
// bytes; nullopt when the address is not mapped.
using StringRead = std::function<std::optional<std::string>(uint64_t addr, uint64_t max)>;

struct Pretty {
	std::optional<std::string> text;   // nullopt: a value could not be read
	uint64_t fault = 0;                // then, the address that faulted
};

// `value` is the variable's value as a target expression gives it: a scalar's or a
// pointer's value, an array's or a struct's address. Strings are read up to `max_string`
// bytes (MAXSTRINGLEN).
[[nodiscard]] Pretty pretty_print(const CTypes& types, const std::string& type, int64_t value, bool full,
				  const MemoryRead& read, const StringRead& read_string, uint64_t max_string);

}  // namespace kctx::probe
