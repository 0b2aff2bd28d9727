// Mutexes (kernel/locking/mutex.c): mutex_lock() and friends, and __mutex_lock_common()
// as a native that sleeps on the mutex's wait list until the owner unlocks it.
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

using abi::BuiltinId;

bool Kernel::mutex_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	Task& task = m.tasks[t];
	StackKind stack = current_stack_kind(t);
	std::string site = caller_site(t);
	switch (call.id) {
	case BuiltinId::mutex_lock:
	case BuiltinId::mutex_lock_interruptible:
	case BuiltinId::mutex_lock_killable: {
		// With lockdep, mutex_lock() is mutex_lock_nested() -> __mutex_lock_common(),
		// whose might_sleep() is at mutex.c:580; without, mutex_lock()'s own at :283.
		bool lockdep = m_config.prove_locking();
		std::vector<std::string> callee = {"__mutex_lock+0x5a/0x9a0"};
		if (lockdep)
			callee.push_back(call.id == BuiltinId::mutex_lock ? "mutex_lock_nested+0x1b/0x30"
					 : call.id == BuiltinId::mutex_lock_interruptible ? "mutex_lock_interruptible_nested+0x1b/0x30"
											  : "mutex_lock_killable_nested+0x1b/0x30");
		might_sleep(cpu, t, "kernel/locking/mutex.c", lockdep ? 580 : 283, callee);
		auto [name, key] = lock_class(arg(0));
		lockdep_acquire(cpu, t, arg(0), name, key, LockKind::Mutex, false, site, "__mutex_lock+0x8d/0x9a0");
		uint32_t state = call.id == BuiltinId::mutex_lock ? abi::TASK_UNINTERRUPTIBLE
				 : call.id == BuiltinId::mutex_lock_interruptible ? abi::TASK_INTERRUPTIBLE : abi::TASK_KILLABLE;
		push_native(t, run::MutexLock{.lock = arg(0), .sleep_state = state}, stack);
		return true;
	}
	case BuiltinId::mutex_trylock: {
		uint64_t owner = 0;
		(void)m.kmem.load(arg(0) + abi::layout::mutex::owner, owner);
		if (owner == 0) {
			(void)m.kmem.store(arg(0) + abi::layout::mutex::owner, task.task_struct_addr);
			auto [name, key] = lock_class(arg(0));
			lockdep_acquire(cpu, t, arg(0), name, key, LockKind::Mutex, true, site, "mutex_trylock+0x8c/0xb0");
		}
		finish_builtin(t, owner == 0 ? 1 : 0);
		return true;
	}
	case BuiltinId::mutex_is_locked: {
		uint64_t owner = 0;
		(void)m.kmem.load(arg(0) + abi::layout::mutex::owner, owner);
		finish_builtin(t, owner != 0);
		return true;
	}
	case BuiltinId::mutex_unlock: {
		lockdep_release(cpu, t, arg(0), site);
		(void)m.kmem.store(arg(0) + abi::layout::mutex::owner, uint64_t{0});
		finish_builtin(t, 0);
		// __mutex_unlock_slowpath(): wake the first waiter; it retries the lock.
		auto it = m.waiters.find(arg(0));
		if (it != m.waiters.end() && !it->second.empty())
			wake_up_process(it->second.front().task, cpu, abi::TASK_NORMAL | abi::TASK_WAKEKILL);
		return true;
	}
	default: return false;
	}
}

void Kernel::step_mutex_lock(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// __mutex_lock_common(): take the mutex when it is free, else queue and sleep.
	auto& r = f.as<run::MutexLock>();
	uint64_t lock = r.lock;
	uint32_t state = r.sleep_state;
	uint64_t owner = 0;
	(void)m.kmem.load(lock + abi::layout::mutex::owner, owner);
	if (owner == 0) {
		(void)m.kmem.store(lock + abi::layout::mutex::owner, m.tasks[t].task_struct_addr);
		finish_wait(lock, t);
		pop_frame(t, 0);
		return;
	}
	if (r.resume == run::MutexLock::Resume::Slept && wait_result(cpu, t, state) == WaitResult::Interrupted) {
		finish_wait(lock, t);
		lockdep_release(cpu, t, lock, caller_site(t));
		pop_frame(t, -abi::kEINTR);
		return;
	}
	r.resume = run::MutexLock::Resume::Slept;
	wait_sleep(cpu, t, lock, WaitMode::Exclusive, state);
}

void trace_mutex_lock(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("schedule_preempt_disabled+0x14/0x30");
	add("__mutex_lock+0x3a6/0x9a0");
	add("mutex_lock_nested+0x1b/0x30");
}

}  // namespace kctx::kernel
