#include "probe/run/Stack.h"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>

namespace kctx::probe {

namespace {

// MAXBACKTRACE (runtime/stack.c): the frames a backtrace walks at most.
constexpr size_t kMaxBacktrace = 20;

// _STP_SYM_SIMPLE, as sprint_backtrace() uses it: "schedule+0x0 [kernel]".
std::string sym_simple(const StackFrame& f)
{
	if (f.symbol.empty())
		return fmt::format("{:#x}\n", f.address);
	return fmt::format("{}+{:#x} [{}]\n", f.symbol, f.offset, f.module);
}

// _stp_stack_kernel_sprint() copies the printed text with strlcpy() into the
// MAXSTRINGLEN result, its size the smaller of that and the text's length: so the last
// character (the final newline or space) is always dropped, and a long stack clipped.
std::string drop_last(std::string s, size_t maxstringlen)
{
	size_t keep = std::min(s.size(), maxstringlen);
	s.resize(keep == 0 ? 0 : keep - 1);
	return s;
}

std::vector<StackFrame> walked(const ProbeContext& ctx)
{
	std::vector<StackFrame> frames = ctx.backtrace();
	if (frames.size() > kMaxBacktrace)
		frames.resize(kMaxBacktrace);
	return frames;
}

std::vector<StackFrame> uwalked(const ProbeContext& ctx)
{
	std::vector<StackFrame> frames = ctx.ubacktrace();
	if (frames.size() > kMaxBacktrace)
		frames.resize(kMaxBacktrace);
	return frames;
}

}  // namespace

std::string sym_full(const StackFrame& f)
{
	// %p in stap's runtime is 0x and 16 hex digits for a kernel address.
	if (f.symbol.empty())
		return fmt::format(" 0x{:016x}\n", f.address);
	return fmt::format(" 0x{:016x} : {}+{:#x}/{:#x} [{}]\n", f.address, f.symbol, f.offset, f.size, f.module);
}

std::optional<Value> stack_builtin(const std::string& name, std::span<const Value> args, const ProbeContext& ctx,
				   size_t maxstringlen, std::string& printed)
{
	if (name == "backtrace") {
		// _STP_SYM_NONE: every address in hex, each followed by a space.
		std::string out;
		for (const StackFrame& f : walked(ctx))
			out += fmt::format("{:#x} ", f.address);
		return Value::of(drop_last(out, maxstringlen));
	}
	if (name == "print_backtrace") {
		for (const StackFrame& f : walked(ctx))
			printed += sym_full(f);
		return Value{};
	}
	if (name == "sprint_backtrace") {
		std::string out;
		for (const StackFrame& f : walked(ctx))
			out += sym_simple(f);
		return Value::of(drop_last(out, maxstringlen));
	}
	// The user-space forms (ucontext-unwind.stp): the same formats over the user
	// program's frames, which name the program by its path.
	if (name == "print_ubacktrace") {
		for (const StackFrame& f : uwalked(ctx))
			printed += sym_full(f);
		return Value{};
	}
	if (name == "sprint_ubacktrace") {
		std::string out;
		for (const StackFrame& f : uwalked(ctx))
			out += sym_simple(f);
		return Value::of(drop_last(out, maxstringlen));
	}
	if (name == "ubacktrace") {
		std::string out;
		for (const StackFrame& f : uwalked(ctx))
			out += fmt::format("{:#x} ", f.address);
		return Value::of(drop_last(out, maxstringlen));
	}
	if (name == "print_syms") {
		// The hex addresses of a backtrace() string, each symbolized.
		std::string list = args.empty() ? std::string() : args[0].str();
		const char* p = list.c_str();
		while (*p) {
			char* end = nullptr;
			uint64_t a = std::strtoull(p, &end, 0);
			if (end == p)
				break;
			printed += sym_full(ctx.symbol_at(a));
			p = end;
		}
		return Value{};
	}
	if (name == "caller_addr" || name == "caller") {
		// context-caller.stp: the return address of the probed function, and
		// caller() as sprintf("%s 0x%x", symname(caller_addr()), caller_addr()).
		std::vector<StackFrame> frames = walked(ctx);
		StackFrame f = frames.size() > 1 ? frames[1] : StackFrame{};
		if (name == "caller_addr")
			return Value::of(static_cast<int64_t>(f.address));
		std::string sym = f.symbol.empty() ? fmt::format("{:#x}", f.address) : f.symbol;
		return Value::of(fmt::format("{} {:#x}", sym, f.address));
	}
	return std::nullopt;
}

}  // namespace kctx::probe
