#include "kernel/CallTrace.h"

#include <fmt/format.h>

#include "abi/Builtins.h"
#include "base/Hash.h"
#include "kernel/Kernel.h"
#include "kernel/Layout.h"

namespace kctx::kernel {

namespace {

// The lines one native frame contributes, innermost first. Offsets are return
// addresses inside each function, sized as in Debian's 6.1.0-56-amd64.
void native_lines(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	auto add = [&](std::string s, StackKind k) { out.push_back({k, std::move(s), false}); };
	StackKind k = f.stack;
	switch (f.fn) {
	case NativeFn::Idle:
		add("default_idle_call+0x3c/0xb0", k);
		add("do_idle+0x210/0x290", k);
		add("cpu_startup_entry+0x1d/0x20", k);
		if (task.cpu == 0) {
			add("rest_init+0xd1/0xe0", k);
			add("arch_call_rest_init+0xe/0x1b", k);
			add("start_kernel+0x6f3/0x71c", k);
		} else {
			add("start_secondary+0x13d/0x160", k);
		}
		add("secondary_startup_64_no_verify+0xe5/0xeb", k);
		return;
	case NativeFn::RetFromFork: add("ret_from_fork+0x22/0x30", k); return;
	case NativeFn::Kthread:
		add("kthread+0xda/0x100", k);
		add("ret_from_fork+0x22/0x30", k);
		return;
	case NativeFn::Syscall: {
		// A file syscall inside a driver's file operation: the VFS path to it (Vfs.cpp).
		bool misc = false;
		if (task.user && f.op == static_cast<uint32_t>(abi::BuiltinId::open)) {
			auto it = task.user->files.fds.find(static_cast<int32_t>(f.a[3]));
			misc = it != task.user->files.fds.end() && (it->second.rdev >> 20) == 10;
		}
		for (std::string_view line : vfs_trace_lines(f.op, f.state, misc))
			add(std::string(line), k);
		add("do_syscall_64+0x5b/0xc0", k);
		add("entry_SYSCALL_64_after_hwframe+0x64/0xce", k);
		return;
	}
	case NativeFn::Schedule: add("schedule+0x5a/0xd0", k); return;
	case NativeFn::ScheduleTimeout: add("schedule_timeout+0x9b/0x150", k); return;
	case NativeFn::Msleep: add("msleep+0x2d/0x40", k); return;
	case NativeFn::Nanosleep:
		add("do_nanosleep+0x87/0x180", k);
		add("hrtimer_nanosleep+0xc0/0x1b0", k);
		add("__x64_sys_clock_nanosleep+0xd3/0x140", k);
		return;
	case NativeFn::Interrupt: {
		bool ipi = f.op == 1;
		if (f.state == 0 || f.state == 5) {
			add("hrtimer_interrupt+0x11c/0x250", k);
			add("__sysvec_apic_timer_interrupt+0x5d/0x140", k);
		} else if (f.state == 1 || f.state == 2) {
			add("__irq_exit_rcu+0xac/0xe0", k);
		} else {
			add("irqentry_exit_to_user_mode+0x9/0x20", k);
		}
		add(ipi ? "sysvec_reschedule_ipi+0x6a/0x90" : "sysvec_apic_timer_interrupt+0x3a/0x90", k);
		// The asm entry stub runs on the interrupted stack; an irq that came in on the
		// irq stack shows it after </IRQ>, with the interrupted kernel registers.
		add(ipi ? "asm_sysvec_reschedule_ipi+0x16/0x20" : "asm_sysvec_apic_timer_interrupt+0x16/0x20", StackKind::Task);
		if (k == StackKind::Irq)
			out.push_back({StackKind::Task, "__KCTX_KERNEL_REGS__", true});
		return;
	}
	case NativeFn::Softirqs: add("handle_softirqs+0xd7/0x280", k); return;
	case NativeFn::RunTimers:
		add("__run_timers+0x222/0x2c0", k);
		add("run_timer_softirq+0x19/0x30", k);
		return;
	case NativeFn::CallTimerFn: add("call_timer_fn+0x27/0x130", k); return;
	case NativeFn::RunHrtimer: add("__hrtimer_run_queues+0x112/0x2a0", k); return;
	case NativeFn::ModuleInit:
		add("do_one_initcall+0x46/0x1d0", k);
		add("do_init_module+0x4a/0x1e0", k);
		add("__do_sys_finit_module+0xac/0x120", k);
		return;
	case NativeFn::ModuleExit: add("__do_sys_delete_module+0x1a5/0x2e0", k); return;
	case NativeFn::WaitChild:
		add("do_wait+0x16b/0x2b0", k);
		add("kernel_wait4+0xa6/0x140", k);
		return;
	case NativeFn::Exit:
		add("do_exit+0x2cb/0xa80", k);
		add("do_group_exit+0x2d/0x90", k);
		return;
	case NativeFn::Spin: {
		static constexpr const char* kSlow[] = {"native_queued_spin_lock_slowpath+0x30/0x2a0",
							"queued_read_lock_slowpath+0x54/0x110",
							"queued_write_lock_slowpath+0x72/0x130"};
		static constexpr const char* kFlavor[] = {"spin", "read", "write"};
		static constexpr const char* kVariant[] = {"", "_irq", "_irqsave", "_bh"};
		uint64_t flavor = std::min<uint64_t>(f.a[1], 2), variant = std::min<uint64_t>(f.a[3], 3);
		add(kSlow[flavor], k);
		add(fmt::format("_raw_{}_lock{}+0x25/0x30", kFlavor[flavor], kVariant[variant]), k);
		return;
	}
	case NativeFn::MutexLock:
		add("schedule_preempt_disabled+0x14/0x30", k);
		add("__mutex_lock+0x3a6/0x9a0", k);
		add("mutex_lock_nested+0x1b/0x30", k);
		return;
	case NativeFn::SemDown:
		add("schedule_timeout+0x9b/0x150", k);
		add("__down_common+0x10c/0x1f0", k);
		add("down_interruptible+0x4d/0x60", k);
		return;
	case NativeFn::Completion:
		add("__wait_for_common+0xb4/0x1d0", k);
		add("wait_for_completion+0x24/0x30", k);
		return;
	case NativeFn::Worker:
		add("process_one_work+0x1c7/0x380", k);
		add("worker_thread+0x4d/0x380", k);
		add("kthread+0xda/0x100", k);
		add("ret_from_fork+0x22/0x30", k);
		return;
	case NativeFn::Stopper:
		add("smpboot_thread_fn+0xb7/0x1e0", k);
		add("kthread+0xda/0x100", k);
		add("ret_from_fork+0x22/0x30", k);
		return;
	case NativeFn::KthreadStop: add("kthread_stop+0x6e/0x1c0", k); return;
	case NativeFn::Delay:
		add("delay_tsc+0x26/0x60", k);
		add("__const_udelay+0x3f/0x50", k);
		return;
	case NativeFn::FaultIn:
		add("handle_mm_fault+0xd8/0x260", k);
		add("do_user_addr_fault+0x1b4/0x540", k);
		add("exc_page_fault+0x68/0x150", k);
		add("asm_exc_page_fault+0x26/0x30", k);
		return;
	case NativeFn::Tasklets:
		add("tasklet_action_common.constprop.0+0xb6/0x1a0", k);
		return;
	case NativeFn::Applet: return;
	case NativeFn::SignalStop:
		// get_signal() -> do_signal_stop() on the way back to user mode; a[0] says
		// whether a syscall or an interrupt was returning.
		add("do_signal_stop+0x10c/0x2a0", k);
		add("get_signal+0x5b8/0x8e0", k);
		add("arch_do_signal_or_restart+0x2e/0x270", k);
		add("exit_to_user_mode_prepare+0x11f/0x190", k);
		if (f.a[0]) {
			add("syscall_exit_to_user_mode+0x17/0x40", k);
			add("do_syscall_64+0x67/0xc0", k);
			add("entry_SYSCALL_64_after_hwframe+0x64/0xce", k);
		} else {
			add("irqentry_exit_to_user_mode+0x9/0x20", k);
			add("asm_sysvec_apic_timer_interrupt+0x16/0x20", k);
		}
		return;
	case NativeFn::Count: return;
	}
	(void)m;
}

}  // namespace

uint64_t kernel_symbol_address(std::string_view symbol)
{
	// Kernel text starts at 0xffffffff81000000 (the builtins' stubs live there); the
	// functions kctx names get stable addresses above them.
	std::string_view name = symbol.substr(0, symbol.find('+'));
	uint64_t off = 0;
	if (size_t plus = symbol.find('+'); plus != std::string_view::npos)
		off = std::strtoull(std::string(symbol.substr(plus + 1)).c_str(), nullptr, 16);
	return 0xffffffff82000000ull + (hash_bytes(name.data(), name.size()) % 0x100000) * 0x10 + off;
}

std::string symbolize_address(const Machine& m, vm::ImageTable images, uint64_t address)
{
	if (auto loc = vm::locate(images, address)) {
		const vm::Program& p = *images[loc->image].program;
		const vm::Function& f = p.functions[loc->func];
		std::string s = fmt::format("{}+{:#x}/{:#x}", f.name, loc->offset, std::max(f.text_size(), 1u));
		for (const Module& mod : m.modules)
			if (mod.image == loc->image && mod.state != ModuleState::Gone)
				return s + fmt::format(" [{}]", mod.name);
		return s;
	}
	if (address >= vm::kBuiltinTextBase && address < vm::kBuiltinTextBase + static_cast<uint64_t>(abi::BuiltinId::Count) * vm::kBuiltinTextStride &&
	    (address - vm::kBuiltinTextBase) % vm::kBuiltinTextStride == 0) {
		auto id = static_cast<abi::BuiltinId>((address - vm::kBuiltinTextBase) / vm::kBuiltinTextStride);
		return fmt::format("{}+0x0/{:#x}", abi::builtin(id).name, vm::kBuiltinTextStride);
	}
	return fmt::format("{:#x}", address);
}

uint64_t user_pc(const Task& t, vm::ImageTable images)
{
	if (t.user && !t.user->thread.frames.empty())
		return vm::frame_address(images, t.user->thread.frames.back());
	// busybox applets: a plausible libc address, stable per task
	return 0x7f3a1c2e8000ull + (static_cast<uint64_t>(t.pid) * 0x1b3) % 0x1000;
}

std::vector<TraceLine> build_trace(const Machine& m, vm::ImageTable images, TaskId tid, std::span<const std::string> top_frames)
{
	return build_trace(m, images, m.tasks[tid], top_frames);
}

std::vector<TraceLine> build_trace(const Machine& m, vm::ImageTable images, const Task& task, std::span<const std::string> top_frames)
{
	std::vector<TraceLine> out;
	StackKind top_kind = StackKind::Task;
	if (!task.kstack.empty()) {
		const KFrame& top = task.kstack.back();
		top_kind = std::holds_alternative<NativeFrame>(top) ? std::get<NativeFrame>(top).stack : std::get<VmFrame>(top).stack;
	}
	for (const std::string& s : top_frames)
		out.push_back({top_kind, s, false});
	for (auto it = task.kstack.rbegin(); it != task.kstack.rend(); ++it) {
		if (const auto* vf = std::get_if<VmFrame>(&*it)) {
			for (auto fr = vf->thread.frames.rbegin(); fr != vf->thread.frames.rend(); ++fr)
				out.push_back({vf->stack, symbolize_address(m, images, vm::frame_address(images, *fr)), false});
			continue;
		}
		native_lines(m, task, std::get<NativeFrame>(*it), out);
	}
	// Interrupted kernel registers: RIP is the next frame out.
	for (size_t i = 0; i < out.size(); i++) {
		if (out[i].text != "__KCTX_KERNEL_REGS__")
			continue;
		std::string rip = i + 1 < out.size() ? out[i + 1].text : "0x0";
		out[i].text = fmt::format("RIP: 0010:{}", rip);
		// The interrupted function is the RIP; the trace goes on with its caller.
		if (i + 1 < out.size())
			out.erase(out.begin() + static_cast<long>(i) + 1);
		out.insert(out.begin() + static_cast<long>(i) + 1,
			   TraceLine{StackKind::Task, fmt::format("RSP: 0018:{:016x} EFLAGS: 00000246", task.stack_base + 0x3d80), true});
	}
	bool from_user = task.user.has_value() ||
			 (!task.kstack.empty() && std::holds_alternative<NativeFrame>(task.kstack.front()) &&
			  std::get<NativeFrame>(task.kstack.front()).fn == NativeFn::Applet);
	if (from_user && !task.kstack.empty()) {
		uint64_t sp = task.user ? task.user->thread.sp : 0x7ffcf2287fd0ull;
		out.push_back({StackKind::Task, fmt::format("RIP: 0033:{:#x}", user_pc(task, images)), true});
		out.push_back({StackKind::Task, fmt::format("RSP: 002b:{:016x} EFLAGS: 00000246", sp), true});
	}
	return out;
}

}  // namespace kctx::kernel
