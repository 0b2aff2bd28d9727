// The builtins module code calls: each with the semantics and context rules of its Linux
// 6.1 namesake. Builtins that sleep push a native frame (a resume point) instead of
// blocking the host.
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/printk/Format.h"
#include "kernel/core/Kernel.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;

uint64_t msecs_to_jiffies(uint64_t ms, uint32_t hz) { return (ms * hz + 999) / 1000; }
}  // namespace

std::string Kernel::read_kstring(uint64_t addr) const
{
	std::string s;
	const vm::Memory* mem = addr >= vm::kKernelSpaceStart ? &m.kmem
				: m.tasks[m.cpus[m_cpu].curr].user ? &m.tasks[m.cpus[m_cpu].curr].user->mm : nullptr;
	if (!mem || !mem->read_string(addr, s, 4096))
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
	auto top = [&]() -> vm::Thread& { return std::get<VmFrame>(m.tasks[t].kstack.back()).thread; };
	std::vector<uint64_t> args(vm::builtin_args(top(), call).begin(), vm::builtin_args(top(), call).end());
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto done = [&](uint64_t v) { vm::complete_builtin(top(), v); };
	Cpu& c = m.cpus[cpu];
	Task& task = m.tasks[t];
	vm::AddressSpace mem{task.user ? &task.user->mm : nullptr, &m.kmem};
	StackKind stack = current_stack_kind(t);

	switch (call.id) {
	case BuiltinId::printk: {
		std::string text = printk_format(cpu, read_kstring(arg(0)), std::span(args).subspan(1), mem);
		printk(cpu, text);
		done(text.size());
		return;
	}
	case BuiltinId::vprintk: {
		std::string f = read_kstring(arg(0));
		std::string text = printk_format(cpu, f, va_list_args(f, arg(1), mem), mem);
		printk(cpu, text);
		done(text.size());
		return;
	}
	case BuiltinId::dump_stack:
		dump_stack(cpu, {});
		done(0);
		return;
	case BuiltinId::__kctx_warn: {
		bool cond = arg(0) != 0;
		if (!cond) {
			done(0);
			return;
		}
		std::string file = read_kstring(arg(2));
		int line = static_cast<int>(arg(3));
		if (arg(1) && !m.warned_once.insert(fmt::format("{}:{}", file, line)).second) {
			done(1);
			return;
		}
		std::string msg = arg(4) ? printk_format(cpu, read_kstring(arg(4)), std::span(args).subspan(5), mem) : "";
		const vm::Frame& fr = top().frames.back();
		std::string where = symbolize(vm::frame_address(m_images, fr) - vm::kInsnBytes * 2);
		warn(cpu, file, line, where, msg, {});
		done(1);
		return;
	}
	case BuiltinId::panic:
		panic(cpu, printk_format(cpu, read_kstring(arg(0)), std::span(args).subspan(1), mem));
		done(0);
		return;
	case BuiltinId::get_current: done(task.task_struct_addr); return;
	case BuiltinId::smp_processor_id:
	case BuiltinId::raw_smp_processor_id: done(cpu); return;
	case BuiltinId::preempt_count: done(preempt_count(cpu)); return;
	case BuiltinId::in_interrupt: done(abi::in_interrupt(c.preempt_count) ? 1 : 0); return;
	case BuiltinId::in_irq:
	case BuiltinId::in_hardirq: done(abi::in_hardirq(c.preempt_count) ? 1 : 0); return;
	case BuiltinId::in_softirq: done(abi::in_softirq(c.preempt_count) ? 1 : 0); return;
	case BuiltinId::in_serving_softirq: done(abi::in_serving_softirq(c.preempt_count) ? 1 : 0); return;
	case BuiltinId::in_task: done(abi::in_task(c.preempt_count) ? 1 : 0); return;
	case BuiltinId::in_atomic: done(preempt_count(cpu) != 0 ? 1 : 0); return;
	case BuiltinId::irqs_disabled: done(c.irqs_enabled ? 0 : 1); return;
	case BuiltinId::preempt_disable:
		if (c.preempt_count == 0)
			c.preempt_disable_ip = symbolize(vm::frame_address(m_images, top().frames.back()));
		c.preempt_count += 1;
		done(0);
		return;
	case BuiltinId::preempt_enable:
		// include/linux/preempt.h: with DEBUG_PREEMPT, preempt_count_dec_and_test() is
		// preempt_count_sub(1), called from the module function itself (no frame between).
		preempt_count_dec(cpu, 1, "");
		done(0);
		// CONFIG_PREEMPTION in full mode: preempt_enable() reaching 0 is a preemption point.
		if (m_config.preempt == PreemptModel::Full && c.preempt_count == 0 && task.need_resched && c.irqs_enabled) {
			push_native(t, run::Schedule{.mode = run::Schedule::Mode::Preempt}, stack);
		}
		return;
	case BuiltinId::local_irq_disable: done(0); set_irqs(cpu, t, false, caller_site(t)); return;
	case BuiltinId::local_irq_enable: done(0); set_irqs(cpu, t, true, caller_site(t)); return;
	case BuiltinId::__kctx_local_irq_save: {
		bool was = c.irqs_enabled;
		done(was ? 0x246 : 0x46);   // the saved EFLAGS: IF is bit 9
		set_irqs(cpu, t, false, caller_site(t));
		return;
	}
	case BuiltinId::local_irq_restore: done(0); set_irqs(cpu, t, (arg(0) & 0x200) != 0, caller_site(t)); return;
	case BuiltinId::local_bh_disable:
		preempt_count_inc(cpu, abi::SOFTIRQ_DISABLE_OFFSET, caller_site(t));
		lockdep_softirqs(cpu, t, false, caller_site(t));
		done(0);
		return;
	case BuiltinId::local_bh_enable: {
		// __local_bh_enable_ip(): pending softirqs run right here, on the irq stack.
		preempt_count_dec(cpu, abi::SOFTIRQ_DISABLE_OFFSET, "__local_bh_enable_ip+0x7a/0xb0");
		lockdep_softirqs(cpu, t, true, caller_site(t));
		done(0);
		if (!abi::in_interrupt(c.preempt_count & 0x7fffffff) && c.softirq_pending)
			push_native(t, run::Softirqs{}, StackKind::Irq);
		return;
	}

	case BuiltinId::schedule: push_schedule(t); return;
	case BuiltinId::schedule_timeout: {
		push_native(t, run::ScheduleTimeout{.timeout = static_cast<int64_t>(arg(0))}, stack);
		return;
	}
	case BuiltinId::__kctx_set_current_state:
		set_task_state(t, static_cast<uint32_t>(arg(0)));
		done(0);
		return;
	case BuiltinId::_cond_resched:
	case BuiltinId::__kctx_might_sleep: {
		// cond_resched() and might_sleep(): __might_resched() at the caller's file:line,
		// then (cond_resched always, might_sleep with PREEMPT_VOLUNTARY) a preemption point.
		std::string file = read_kstring(arg(0));
		done(0);
		might_sleep(cpu, t, file, static_cast<int>(arg(1)));
		return;
	}
	case BuiltinId::msleep:
	case BuiltinId::ssleep:
	case BuiltinId::msleep_interruptible: {
		uint64_t ms = call.id == BuiltinId::ssleep ? arg(0) * 1000 : arg(0);
		SleepMode mode = call.id == BuiltinId::msleep_interruptible ? SleepMode::Interruptible : SleepMode::Uninterruptible;
		push_native(t, run::Msleep{.jiffies_left = msecs_to_jiffies(ms, m_config.hz) + 1, .mode = mode}, stack);
		return;
	}
	case BuiltinId::wake_up_process: {
		for (TaskId i = 0; i < m.tasks.size(); i++)
			if (m.tasks[i].task_struct_addr == arg(0)) {
				done(wake_up_process(i, cpu, abi::TASK_NORMAL) ? 1 : 0);
				return;
			}
		done(0);
		return;
	}
	case BuiltinId::signal_pending:
	case BuiltinId::fatal_signal_pending: {
		for (TaskId i = 0; i < m.tasks.size(); i++)
			if (m.tasks[i].task_struct_addr == arg(0)) {
				done(call.id == BuiltinId::signal_pending ? signal_pending(i) : fatal_signal_pending(i));
				return;
			}
		done(0);
		return;
	}
	case BuiltinId::__kctx_jiffies: done(jiffies(cpu)); return;
	case BuiltinId::msecs_to_jiffies: done(msecs_to_jiffies(static_cast<uint32_t>(arg(0)), m_config.hz)); return;
	case BuiltinId::usecs_to_jiffies: done((static_cast<uint32_t>(arg(0)) * uint64_t{m_config.hz} + 999999) / 1000000); return;
	case BuiltinId::jiffies_to_msecs: done(static_cast<uint32_t>(arg(0) * 1000 / m_config.hz)); return;
	case BuiltinId::ktime_get_ns:
	case BuiltinId::ktime_get: done(c.now); return;

	case BuiltinId::__kctx_timer_setup: {
		namespace L = abi::layout::timer_list;
		uint64_t timer = arg(0);
		bool ok = m.kmem.store(timer + L::function, arg(1)) && m.kmem.store(timer + L::flags, static_cast<uint32_t>(arg(2)));
		Timer& tm = m.timers[timer];
		tm = Timer{};
		tm.fn = arg(1);
		tm.flags = static_cast<uint32_t>(arg(2));
		tm.name = read_kstring(arg(3));
		// __init_timer(): a static lock_class_key per call site.
		tm.key = vm::frame_address(m_images, top().frames.back());
		(void)ok;
		done(0);
		return;
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
		bool was = m.timers.count(timer) && m.timers[timer].pending;
		// A timer stays on the CPU that armed it (kernel/time/timer.c get_target_base).
		mod_timer(timer, TimerKind::Module, fn, flags, expires, cpu, kNoTask);
		done(was ? 1 : 0);
		return;
	}
	case BuiltinId::del_timer:
	case BuiltinId::del_timer_sync: done(del_timer(arg(0)) ? 1 : 0); return;
	case BuiltinId::timer_pending: done(m.timers.count(arg(0)) && m.timers[arg(0)].pending ? 1 : 0); return;
	case BuiltinId::hrtimer_init: {
		Hrtimer& h = m.hrtimers[arg(0)];
		h = Hrtimer{};
		h.mode = static_cast<uint32_t>(arg(2));
		done(0);
		return;
	}
	case BuiltinId::hrtimer_start: {
		namespace L = abi::layout::hrtimer;
		uint64_t fn = 0;
		(void)m.kmem.load(arg(0) + L::function, fn);
		uint32_t mode = static_cast<uint32_t>(arg(2));
		uint64_t expires = (mode & 1) ? c.now + arg(1) : arg(1);   // HRTIMER_MODE_REL
		(void)m.kmem.store(arg(0) + L::softexpires, expires);
		hrtimer_start(arg(0), HrtimerKind::Module, fn, expires, mode, cpu, kNoTask);
		done(0);
		return;
	}
	case BuiltinId::hrtimer_cancel: done(hrtimer_cancel(arg(0)) ? 1 : 0); return;
	case BuiltinId::hrtimer_forward_now: {
		auto it = m.hrtimers.find(arg(0));
		uint64_t overruns = 0;
		if (it != m.hrtimers.end() && arg(1) > 0) {
			while (it->second.expires <= c.now) {
				it->second.expires += arg(1);
				overruns++;
			}
			(void)m.kmem.store(arg(0) + abi::layout::hrtimer::softexpires, it->second.expires);
		}
		done(overruns);
		return;
	}
	case BuiltinId::atomic_read: {
		int32_t v = 0;
		(void)m.kmem.load(arg(0), v);
		done(static_cast<uint64_t>(static_cast<int64_t>(v)));
		return;
	}
	case BuiltinId::atomic_set: (void)m.kmem.store(arg(0), static_cast<int32_t>(arg(1))); done(0); return;
	case BuiltinId::atomic_inc:
	case BuiltinId::atomic_dec:
	case BuiltinId::atomic_add:
	case BuiltinId::atomic_sub:
	case BuiltinId::atomic_inc_return:
	case BuiltinId::atomic_dec_return:
	case BuiltinId::atomic_dec_and_test: {
		bool two = call.id == BuiltinId::atomic_add || call.id == BuiltinId::atomic_sub;
		uint64_t addr = two ? arg(1) : arg(0);
		int32_t v = 0;
		(void)m.kmem.load(addr, v);
		int32_t delta = call.id == BuiltinId::atomic_add ? static_cast<int32_t>(arg(0))
				: call.id == BuiltinId::atomic_sub ? -static_cast<int32_t>(arg(0))
				: (call.id == BuiltinId::atomic_inc || call.id == BuiltinId::atomic_inc_return) ? 1 : -1;
		v = static_cast<int32_t>(static_cast<uint32_t>(v) + static_cast<uint32_t>(delta));
		(void)m.kmem.store(addr, v);
		if (call.id == BuiltinId::atomic_dec_and_test)
			done(v == 0);
		else
			done(static_cast<uint64_t>(static_cast<int64_t>(v)));
		return;
	}
	default: break;
	}
	if (lock_builtin(cpu, t, call, args) || work_builtin(cpu, t, call, args) ||
	    tasklet_builtin(cpu, t, call, args) || mem_builtin(cpu, t, call, args) ||
	    kasan_string_builtin(cpu, t, call, args) || string_fault_builtin(cpu, t, call, args) ||
	    atomic_rmw_builtin(cpu, t, call, args) || slab_cache_builtin(cpu, t, call, args) || workqueue_builtin(cpu, t, call, args) || wait_entry_builtin(cpu, t, call, args))
		return;
	if (uint64_t r = 0; vfs_kernel_builtin(cpu, t, call, args, &r)) {
		done(r);
		return;
	}
	// Not modelled yet: say so precisely, once per builtin, and return 0.
	std::string key = fmt::format("unimplemented:{}", abi::builtin(call.id).name);
	if (m.warned_once.insert(key).second)
		printk(cpu, fmt::format("\0013kctx: {}() is not simulated yet; it returns 0\n", abi::builtin(call.id).name));
	done(0);
}

}  // namespace kctx::kernel
