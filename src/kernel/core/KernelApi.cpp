// The builtins module code calls: each goes to the handler Builtins.def names, which
// gives it the semantics and context rules of its Linux 6.1 namesake. Builtins that sleep
// push a native frame (a resume point) instead of blocking the host.
#include <fmt/format.h>

#include "kernel/printk/Format.h"
#include "kernel/core/Hooks.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

std::string Kernel::read_kstring(uint64_t addr) const
{
	// Names and formats that module code passes are kernel strings; a user pointer here
	// would fault under SMAP, so it reads as empty.
	std::string s;
	if (addr < vm::kKernelSpaceStart || !m.kmem.read_string(addr, s, 4096))
		return {};
	return s;
}

std::string Kernel::printk_format(uint32_t cpu, std::string_view fmt, std::span<const uint64_t> args, vm::AddressSpace mem) const
{
	FormatContext cx;
	cx.flavor = FormatFlavor::Kernel;
	cx.mem = mem;
	cx.symbolize = [this](uint64_t a) { return symbolize(a); };
	(void)cpu;
	return format_printf(fmt, args, cx);
}

void Kernel::kernel_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call)
{
	const vm::Thread& thread = std::get<VmFrame>(m.tasks[t].kstack.back()).thread;
	std::vector<uint64_t> args(vm::builtin_args(thread, call).begin(), vm::builtin_args(thread, call).end());
	if (Hooks* fh = function_hooks(m_hooks)) [[unlikely]]
		fh->builtin_entry(m, cpu, t, static_cast<uint32_t>(call.id), args);
	if (KernelBuiltinFn handler = builtin_handler(call.id).kernel; handler && (this->*handler)(cpu, t, call, args))
		return;
	// Not modelled yet: say so precisely, once per builtin, and return 0.
	std::string key = fmt::format("unimplemented:{}", abi::builtin(call.id).name);
	if (m.warned_once.insert(key).second)
		printk(cpu, fmt::format("\0013kctx: {}() is not simulated yet; it returns 0\n", abi::builtin(call.id).name));
	finish_builtin(t, 0);
}

}  // namespace kctx::kernel
