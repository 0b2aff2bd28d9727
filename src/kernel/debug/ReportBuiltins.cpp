// The builtins that print and report: printk, dump_stack, WARN(), BUG(), panic()
// (kernel/printk/printk.c, lib/dump_stack.c, kernel/panic.c __warn, lib/bug.c report_bug).
#include <fmt/format.h>

#include "abi/Signal.h"
#include "kernel/core/Kernel.h"
#include "kernel/printk/Format.h"

namespace kctx::kernel {

using abi::BuiltinId;

bool Kernel::report_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto top = [&]() -> vm::Thread& { return std::get<VmFrame>(m.tasks[t].kstack.back()).thread; };
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto done = [&](uint64_t v) { finish_builtin(t, v); };
	vm::AddressSpace mem{m.tasks[t].user ? &m.tasks[t].user->mm : nullptr, &m.kmem};
	switch (call.id) {
	case BuiltinId::printk: {
		std::string text = printk_format(cpu, read_kstring(arg(0)), std::span(args).subspan(1), mem);
		printk(cpu, text);
		done(text.size());
		return true;
	}
	case BuiltinId::vprintk: {
		std::string f = read_kstring(arg(0));
		std::string text = printk_format(cpu, f, va_list_args(f, arg(1), mem), mem);
		printk(cpu, text);
		done(text.size());
		return true;
	}
	case BuiltinId::dump_stack:
		dump_stack(cpu, {});
		done(0);
		return true;
	case BuiltinId::__kctx_warn: {
		bool cond = arg(0) != 0;
		if (!cond) {
			// A WARN_ON that does not fire only returns 0 to its caller.
			m_local_call = m_exploring;
			done(0);
			return true;
		}
		std::string file = read_kstring(arg(2));
		int line = static_cast<int>(arg(3));
		if (arg(1) && !m.warned_once.insert(fmt::format("{}:{}", file, line)).second) {
			done(1);
			return true;
		}
		std::string msg = arg(4) ? printk_format(cpu, read_kstring(arg(4)), std::span(args).subspan(5), mem) : "";
		const vm::Frame& fr = top().frames.back();
		std::string where = symbolize(vm::frame_address(m_images, fr) - vm::kInsnBytes * 2);
		warn(cpu, file, line, where, msg, {});
		done(1);
		return true;
	}
	case BuiltinId::__kctx_bug: {
		// BUG(): ud2 at the call site. lib/bug.c report_bug() prints the cut line and
		// "kernel BUG at FILE:LINE!"; the invalid-opcode trap's die() names the module
		// function as RIP and kills the task with SIGSEGV (its locks stay held).
		std::string file = read_kstring(arg(0));
		std::string where = symbolize(vm::frame_address(m_images, top().frames.back()) - vm::kInsnBytes * 2);
		printk(cpu, "\0014------------[ cut here ]------------\n");
		printk(cpu, fmt::format("\0012kernel BUG at {}:{}!\n", file, static_cast<int>(arg(1))));
		die(cpu, t, "invalid opcode", 0, where, true, std::nullopt, abi::kSIGSEGV);
		return true;
	}
	case BuiltinId::panic:
		panic(cpu, printk_format(cpu, read_kstring(arg(0)), std::span(args).subspan(1), mem));
		done(0);
		return true;
	default: return false;
	}
}

}  // namespace kctx::kernel
