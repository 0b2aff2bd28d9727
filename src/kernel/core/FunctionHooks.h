// What a kprobe on a function's first instruction and a kretprobe on its return see
// (kernel/kprobes.c), for stap's kernel.function() probes: an observer interface of its
// own beside Hooks, so that adding it did not touch Kernel.h. An observer that wants
// function events derives from both Hooks and FunctionHooks and sets
// m_wants_functions; the kernel finds it from its Hooks pointer (a cross-cast, only when
// an observer is attached) and calls it only while wants_functions() is true. Like
// Hooks, these see the machine and never change it.
#pragma once

#include <cstdint>
#include <span>

#include "kernel/core/Machine.h"

namespace kctx::kernel {

class FunctionHooks {
public:
	virtual ~FunctionHooks() = default;
	// The native frame on top of t's kernel stack is about to run a step. The observer
	// tells a frame it has not seen before (an entry) from one it has: natives are pushed
	// in many places, and a step is the one place every native passes through.
	virtual void native_step(const Machine& m, uint32_t cpu, TaskId t) {}
	// A native (NativeFn index) returned `ret`; its frame is already popped.
	virtual void native_return(const Machine& m, uint32_t cpu, TaskId t, uint32_t fn, int64_t ret) {}
	// Module code called a kernel builtin (abi::BuiltinId: kmalloc, mutex_lock …) with
	// these arguments; its return, when the value is handed back to the module code
	// (after the sleep, for a builtin that sleeps).
	virtual void builtin_entry(const Machine& m, uint32_t cpu, TaskId t, uint32_t id, std::span<const uint64_t> args) {}
	virtual void builtin_return(const Machine& m, uint32_t cpu, TaskId t, uint64_t value) {}
	// The kernel called into module code (a callback, a kthread function, module_init, a
	// file operation): its frame is on top of t's stack, about to run its first
	// instruction with these arguments. Its return, after the frame was popped. Calls
	// from module code to module code stay inside the interpreter and are not seen.
	virtual void vm_entry(const Machine& m, uint32_t cpu, TaskId t, std::span<const uint64_t> args) {}
	virtual void vm_return(const Machine& m, uint32_t cpu, TaskId t, int64_t ret) {}
	[[nodiscard]] bool wants_functions() const { return m_wants_functions; }

protected:
	bool m_wants_functions = false;
};

class Hooks;
// The FunctionHooks behind `hooks` when it has one that wants events, else null
// (core/KernelStack.cpp).
[[nodiscard]] FunctionHooks* function_hooks(Hooks* hooks);
// For the places that pop a native's frame themselves rather than through
// Kernel::pop_frame (a syscall's, an interrupt's, a signal stop's): tells the hooks.
void native_popped(Hooks* hooks, const Machine& m, uint32_t cpu, TaskId t, uint32_t fn, int64_t ret);

}  // namespace kctx::kernel
