// A task's kernel stack: pushing and popping frames, and stepping the native ones.
#include <fmt/format.h>

#include "base/Check.h"
#include "kernel/core/Hooks.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"

namespace kctx::kernel {

StackKind Kernel::current_stack_kind(TaskId t) const
{
	const Task& task = m.tasks[t];
	if (task.kstack.empty())
		return StackKind::Task;
	const KFrame& top = task.kstack.back();
	return std::holds_alternative<NativeFrame>(top) ? std::get<NativeFrame>(top).stack : std::get<VmFrame>(top).stack;
}

void Kernel::push_vm_call(TaskId t, uint64_t fn_address, std::span<const uint64_t> args, StackKind stack)
{
	Task& task = m.tasks[t];
	VmFrame vf;
	vf.stack = stack;
	// Module code's stack memory comes from the task's kernel stack, below whatever
	// module frames are already on it.
	uint64_t sp = task.stack_base + addr::kThreadSize - 256;   // pt_regs and entry frames
	for (const KFrame& k : task.kstack)
		if (const auto* other = std::get_if<VmFrame>(&k))
			sp = std::min(sp, other->thread.sp);
	vf.thread.sp = sp & ~15ull;
	vf.thread.stack_limit = task.stack_base;
	auto loc = vm::locate(m_images, fn_address);
	if (!loc || loc->offset != 0 || !vm::push_call(vf.thread, m_images, loc->image, loc->func, args)) {
		// A callback that is not a function (a corrupted pointer, an unloaded module):
		// the real kernel would oops here. Until kctx models the oops, say so and
		// carry on as if the call returned 0.
		printk(task.cpu, fmt::format("\0013kctx: call through a bad function pointer {:#x} skipped\n", fn_address));
		return;
	}
	task.kstack.emplace_back(std::move(vf));
	if (Hooks* fh = function_hooks(m_hooks)) [[unlikely]]
		fh->vm_entry(m, task.cpu, t, args);
}

void Kernel::pop_frame(TaskId t, int64_t ret)
{
	Task& task = m.tasks[t];
	KCTX_CHECK(!task.kstack.empty());
	// schedule() returns nothing: a native caller keeps the value it had (a syscall that
	// reschedules on its way out must not lose its return value to it).
	const auto* popped = std::get_if<NativeFrame>(&task.kstack.back());
	bool void_callee = popped && popped->fn() == NativeFn::Schedule;
	const auto popped_fn = popped ? static_cast<uint32_t>(popped->fn()) : ~0u;
	task.kstack.pop_back();
	Hooks* traced = function_hooks(m_hooks);
	if (traced && popped_fn != ~0u) [[unlikely]]
		traced->native_return(m, task.cpu, t, popped_fn, ret);
	else if (traced) [[unlikely]]
		traced->vm_return(m, task.cpu, t, ret);
	if (task.kstack.empty())
		return;
	KFrame& top = task.kstack.back();
	if (auto* nf = std::get_if<NativeFrame>(&top)) {
		if (!void_callee)
			nf->ret = ret;
		return;
	}
	vm::complete_builtin(std::get<VmFrame>(top).thread, static_cast<uint64_t>(ret));
	if (traced) [[unlikely]]
		traced->builtin_return(m, task.cpu, t, static_cast<uint64_t>(ret));
}

void Kernel::finish_builtin(TaskId t, uint64_t value)
{
	vm::complete_builtin(std::get<VmFrame>(m.tasks[t].kstack.back()).thread, value);
	if (Hooks* fh = function_hooks(m_hooks)) [[unlikely]]
		fh->builtin_return(m, m.tasks[t].cpu, t, value);
}

std::string Kernel::caller_site(TaskId t) const
{
	// The module code that called the builtin being handled: its return address. (Read
	// through the const view: a mutable access would clone a shared task.)
	const Task& task = std::as_const(m.tasks)[t];
	for (auto it = task.kstack.rbegin(); it != task.kstack.rend(); ++it)
		if (const auto* vf = std::get_if<VmFrame>(&*it); vf && !vf->thread.frames.empty())
			return symbolize(vm::frame_address(m_images, vf->thread.frames.back()));
	return "0x0";
}

void Kernel::step_native(uint32_t cpu, TaskId t, uint64_t limit)
{
	// One table, made from Natives.def: the step function of each native.
	using Step = void (Kernel::*)(uint32_t, TaskId, NativeFrame&);
	static constexpr Step kStep[] = {
#define KCTX_NATIVE(name, symbol, size, step, trace) &Kernel::step,
#include "kernel/core/Natives.def"
#undef KCTX_NATIVE
	};
	NativeFrame& f = std::get<NativeFrame>(m.tasks[t].kstack.back());
	KCTX_CHECK(f.fn() < NativeFn::Count);
	// A busy wait (a spinning lock, a delay loop) runs the CPU's clock forward to its next
	// event, but never past `limit`, where the step loop lets the other CPUs catch up:
	// one of them may end the wait (unlock) before then.
	bool busy_wait = f.fn() == NativeFn::Spin || f.fn() == NativeFn::Delay;
	uint64_t before = m.cpus[cpu].now;
	if (Hooks* fh = function_hooks(m_hooks)) [[unlikely]]
		fh->native_step(m, cpu, t);
	(this->*kStep[static_cast<size_t>(f.fn())])(cpu, t, f);
	if (busy_wait && m.cpus[cpu].now > limit)
		m.cpus[cpu].now = std::max(before + 1, limit);
}

}  // namespace kctx::kernel
