#pragma once
// The tapset's stack functions (context-unwind.stp, context-caller.stp, ucontext…):
// backtrace, print_backtrace, sprint_backtrace, print_syms, caller, caller_addr, in
// the formats of SystemTap 4.8's runtime (runtime/sym.c _stp_snprint_addr).

#include <optional>
#include <span>
#include <string>

#include "probe/run/Context.h"
#include "probe/run/Value.h"

namespace kctx::probe {

// The value of stack function `name` called with `args`, or nullopt when `name` is not
// one of them; what it prints goes to `printed`. A string result is at most
// MAXSTRINGLEN - 1 bytes, as the runtime's strlcpy() into a MAXSTRINGLEN buffer leaves it.
[[nodiscard]] std::optional<Value> stack_builtin(const std::string& name, std::span<const Value> args,
						 const ProbeContext& ctx, size_t maxstringlen, std::string& printed);

// One frame as _STP_SYM_FULL prints it: " 0xffffffff82001230 : schedule+0x0/0xd0 [kernel]\n".
[[nodiscard]] std::string sym_full(const StackFrame& f);

}  // namespace kctx::probe
