// The builtins of time: jiffies and its conversions, ktime, timer_list and hrtimer
// (kernel/time/timer.c, kernel/time/hrtimer.c, kernel/time/time.c).
#include "abi/Layout.h"
#include "kernel/core/Kernel.h"
#include "kernel/time/Jiffies.h"

namespace kctx::kernel {

using abi::BuiltinId;

bool Kernel::time_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto top = [&]() -> vm::Thread& { return std::get<VmFrame>(m.tasks[t].kstack.back()).thread; };
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto done = [&](uint64_t v) { finish_builtin(t, v); };
	Cpu& c = m.cpus[cpu];
	switch (call.id) {
	case BuiltinId::__kctx_jiffies: done(jiffies(cpu)); return true;
	case BuiltinId::msecs_to_jiffies: done(msecs_to_jiffies(static_cast<uint32_t>(arg(0)), m_config.hz)); return true;
	case BuiltinId::usecs_to_jiffies: done(usecs_to_jiffies(static_cast<uint32_t>(arg(0)), m_config.hz)); return true;
	case BuiltinId::jiffies_to_msecs: done(static_cast<uint32_t>(arg(0) * 1000 / m_config.hz)); return true;
	case BuiltinId::ktime_get_ns:
	case BuiltinId::ktime_get: done(c.now); return true;

	case BuiltinId::__kctx_timer_setup: {
		namespace L = abi::layout::timer_list;
		uint64_t timer = arg(0);
		bool ok = m.kmem.store(timer + L::function, arg(1)) && m.kmem.store(timer + L::flags, static_cast<uint32_t>(arg(2)));
		m.time.timer_unqueue(timer);
		Timer& tm = m.time.timers[timer];
		tm = Timer{};
		tm.fn = arg(1);
		tm.flags = static_cast<uint32_t>(arg(2));
		tm.name = read_kstring(arg(3));
		// __init_timer(): a static lock_class_key per call site.
		tm.key = vm::frame_address(m_images, top().frames.back());
		(void)ok;
		done(0);
		return true;
	}
	case BuiltinId::mod_timer:
	case BuiltinId::add_timer: {
		namespace L = abi::layout::timer_list;
		uint64_t timer = arg(0);
		uint64_t fn = 0, expires = arg(1);
		uint32_t flags = 0;
		(void)m.kmem.load(timer + L::function, fn);
		(void)m.kmem.load(timer + L::flags, flags);
		if (call.id == BuiltinId::add_timer)
			(void)m.kmem.load(timer + L::expires, expires);
		else
			(void)m.kmem.store(timer + L::expires, expires);
		bool was = m.time.timers.count(timer) && m.time.timers[timer].pending;
		// A timer stays on the CPU that armed it (kernel/time/timer.c get_target_base).
		m.time.mod_timer(timer, TimerKind::Module, fn, flags, expires, jiffies(cpu), cpu, kNoTask);
		done(was ? 1 : 0);
		return true;
	}
	case BuiltinId::del_timer:
	case BuiltinId::del_timer_sync: done(m.time.del_timer(arg(0)) ? 1 : 0); return true;
	case BuiltinId::timer_pending: done(m.time.timers.count(arg(0)) && m.time.timers[arg(0)].pending ? 1 : 0); return true;
	case BuiltinId::hrtimer_init: {
		m.time.hrtimer_unqueue(arg(0));
		Hrtimer& h = m.time.hrtimers[arg(0)];
		h = Hrtimer{};
		h.mode = static_cast<uint32_t>(arg(2));
		done(0);
		return true;
	}
	case BuiltinId::hrtimer_start: {
		namespace L = abi::layout::hrtimer;
		uint64_t fn = 0;
		(void)m.kmem.load(arg(0) + L::function, fn);
		uint32_t mode = static_cast<uint32_t>(arg(2));
		uint64_t expires = (mode & 1) ? c.now + arg(1) : arg(1);   // HRTIMER_MODE_REL
		(void)m.kmem.store(arg(0) + L::softexpires, expires);
		m.time.hrtimer_start(arg(0), HrtimerKind::Module, fn, expires, mode, cpu, kNoTask);
		done(0);
		return true;
	}
	case BuiltinId::hrtimer_cancel: done(m.time.hrtimer_cancel(arg(0)) ? 1 : 0); return true;
	case BuiltinId::hrtimer_forward_now: {
		auto it = m.time.hrtimers.find(arg(0));
		uint64_t overruns = 0;
		if (it != m.time.hrtimers.end() && arg(1) > 0) {
			m.time.hrtimer_unqueue(arg(0));
			// hrtimer_forward(): whole intervals, not one at a time (an interval of 1 ns
			// and a timer left long ago must not loop for ever).
			if (it->second.expires <= c.now) {
				overruns = (c.now - it->second.expires) / arg(1) + 1;
				it->second.expires += overruns * arg(1);
			}
			m.time.hrtimer_enqueue(arg(0));
			(void)m.kmem.store(arg(0) + abi::layout::hrtimer::softexpires, it->second.expires);
		}
		done(overruns);
		return true;
	}
	default: return false;
	}
}

}  // namespace kctx::kernel
