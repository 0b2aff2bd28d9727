// Faults in kernel code and the oops that reports them, as Linux 6.1 on x86-64 prints
// them: page_fault_oops() and show_fault_oops() (arch/x86/mm/fault.c), the trap handlers
// and handle_stack_overflow() (arch/x86/kernel/traps.c), __die(), show_regs() and
// oops_end() (arch/x86/kernel/dumpstack.c, process_64.c), make_task_dead()
// (kernel/exit.c). Locks the dying task holds stay held, as on Linux.
#include <cstring>
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "abi/Signal.h"
#include "base/Hash.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/debug/FaultRegs.h"
#include "kernel/core/Kernel.h"
#include "kernel/debug/Taint.h"
#include "kernel/module/ModuleList.h"
#include "kernel/core/Layout.h"

namespace kctx::kernel {

namespace {

constexpr uint32_t kPageSize = 4096;
// arch/x86/kernel/dumpstack.c show_opcodes(): 42 bytes before the faulting byte, 21 after.
constexpr uint32_t kPrologue = 42;
constexpr uint32_t kEpilogue = 21;
// Where an inlined BUG_ON() in the slab allocator stops: mm/slub.c set_freepointer()
// (CONFIG_SLAB_FREELIST_HARDENED), inlined into __kmem_cache_free via do_slab_free().
// The line is 6.1's set_freepointer() BUG_ON as near as kctx could place it.
constexpr int kSlubBugLine = 379;
constexpr const char* kSlubBugRip = "__kmem_cache_free+0x2b3/0x2d0";

std::string hashed(uint64_t p) { return fmt::format("{:016x}", hash_bytes(&p, sizeof p) & 0xffffffffull); }

}  // namespace

uint8_t text_byte(vm::ImageTable images, uint64_t addr)
{
	auto loc = vm::locate(images, addr);
	if (!loc)
		return 0xcc;
	const vm::Function& f = images[loc->image].program->functions[loc->func];
	uint32_t index = loc->offset / vm::kInsnBytes;
	if (index >= f.code.size())
		return 0xcc;
	uint64_t word = 0;
	static_assert(sizeof(vm::Insn) == sizeof(word));
	std::memcpy(&word, &f.code[index], sizeof word);
	return static_cast<uint8_t>(word >> (8 * (loc->offset % vm::kInsnBytes)));
}

FaultRegs fault_regs(const Machine& m, vm::ImageTable images, TaskId t, std::string_view rip, uint64_t default_sp)
{
	const Task& task = m.tasks[t];
	FaultRegs regs;
	regs.sp = regs.bp = default_sp;
	regs.wild = rip.starts_with("0x");
	if (task.kstack.empty())
		return regs;
	const auto* vf = std::get_if<VmFrame>(&task.kstack.back());
	if (!vf || vf->thread.frames.empty())
		return regs;
	const vm::Frame& fr = vf->thread.frames.back();
	for (size_t i = 0; i < regs.gpr.size() && fr.base + i < vf->thread.regs.size(); i++)
		regs.gpr[i] = vf->thread.regs[fr.base + i];
	regs.sp = vf->thread.sp;
	regs.bp = fr.fp;
	if (uint64_t a = vm::frame_address(images, fr); symbolize_address(m, images, a) == rip)
		regs.ip = a;   // the RIP is this module code: its bytes can be shown
	return regs;
}

std::vector<std::string> register_lines(const FaultRegs& regs, uint64_t bp, const ControlRegs& c)
{
	const auto& r = regs.gpr;
	return {fmt::format("RAX: {:016x} RBX: {:016x} RCX: {:016x}", r[0], r[1], r[2]),
		fmt::format("RDX: {:016x} RSI: {:016x} RDI: {:016x}", r[3], r[4], r[5]),
		fmt::format("RBP: {:016x} R08: {:016x} R09: {:016x}", bp, r[6], r[7]),
		fmt::format("R10: {:016x} R11: {:016x} R12: {:016x}", r[8], r[9], r[10]),
		fmt::format("R13: {:016x} R14: {:016x} R15: {:016x}", r[11], r[12], r[13]),
		fmt::format("FS:  {:016x}(0000) GS:{:016x}(0000) knlGS:0000000000000000", c.fs, c.gs),
		"CS:  0010 DS: 0000 ES: 0000 CR0: 0000000080050033",
		fmt::format("CR2: {:016x} CR3: {:016x} CR4: {:016x}", c.cr2, c.cr3, c.cr4)};
}

void Kernel::show_regs(uint32_t cpu, TaskId t, const std::string& rip, uint64_t cr2, std::string_view kernel_code)
{
	// __show_regs(regs, SHOW_REGS_ALL): the module's VM registers stand in for the x86
	// general registers (r0.. in RAX, RBX, RCX, RDX, RSI, RDI, R08..R15 order; RBP the
	// frame's stack memory, RSP the stack pointer).
	const Task& task = m.tasks[t];
	const Cpu& c = m.cpus[cpu];
	FaultRegs regs = fault_regs(m, m_images, t, rip, task.stack_base + addr::kThreadSize - 0x1a8);
	uint64_t sp = regs.sp, fp = regs.bp;
	const std::optional<uint64_t>& ip = regs.ip;
	printk(cpu, fmt::format("RIP: 0010:{}\n", rip));
	std::string code = "Code:";
	if (ip) {
		for (uint32_t i = 0; i < kPrologue + 1 + kEpilogue; i++) {
			uint8_t b = text_byte(m_images, *ip - kPrologue + i);
			code += i == kPrologue ? fmt::format(" <{:02x}>", b) : fmt::format(" {:02x}", b);
		}
	} else if (regs.wild) {
		// show_opcodes(): copy_from_kernel_nofault() of the prologue fails.
		code = fmt::format("Code: Unable to access opcode bytes at {:#x}.", fault_ip(t, rip) - kPrologue);
	} else if (!kernel_code.empty()) {
		code += " ";
		code += kernel_code;
	} else {
		// The kernel's own text: the BUG_ON's ud2 (0f 0b) under the caret.
		code += " 48 8b 47 08 4c 89 e6 48 89 df 48 8b 50 18 e8 4b fd ff ff 48 85 c0 0f 84 6f ff ff ff"
			" 48 89 c5 e9 67 ff ff ff 48 89 ee 4c 89 e7 <0f> 0b 48 c7 c6 70 8d 4d 82 e8 5a 9c fe ff"
			" 0f 0b 66 90";
	}
	printk(cpu, code + "\n");
	printk(cpu, fmt::format("RSP: 0018:{:016x} EFLAGS: {:08x}\n", sp, c.irqs_enabled ? 0x10246 : 0x10046));
	ControlRegs cr{.fs = task.user ? 0x00007f3a1c2e8740ull : 0,
		       .gs = 0xffff88813bc00000ull + uint64_t{cpu} * 0x40000,
		       .cr2 = cr2,
		       .cr3 = 0x000000010a000000ull + static_cast<uint64_t>(task.tgid) * 0x2000,
		       .cr4 = 0x00000000003706e0ull};
	for (const std::string& line : register_lines(regs, fp, cr))
		printk(cpu, line + "\n");
}

void Kernel::die(uint32_t cpu, TaskId t, std::string_view str, uint32_t err, const std::string& rip, bool in_module,
		 std::optional<uint64_t> cr2, int32_t signr, bool nmi_context, std::string_view code)
{
	m.findings.oopses++;
	bool ip_line = m_config.spec().oops == OopsStyle::IpLine;
	if (ip_line) {
		die_ip_line(cpu, t, str, err, rip, in_module, cr2.value_or(0), code);
	} else {
		// __die_header(): PREEMPT for CONFIG_PREEMPTION (Debian's PREEMPT_DYNAMIC), KASAN
		// when built in, NOPTI on a CPU without Meltdown.
		printk(cpu, fmt::format("\0014{}: {:04x} [#{}] PREEMPT SMP{} NOPTI\n", str, err & 0xffff,
					m.findings.oopses, m_config.kasan() ? " KASAN" : ""));
		dump_header(cpu);
		show_regs(cpu, t, rip, cr2.value_or(0), code);
		// show_trace_log_lvl() from the registers: the faulting function is the RIP line,
		// the trace goes on with its callers.
		std::vector<TraceLine> lines = build_trace(m, m_images, t, {});
		if (in_module && !lines.empty())
			lines.erase(lines.begin());
		print_trace_lines(cpu, lines);
		printk(cpu, modules_linked_in(m.modules, m.last_unloaded_module) + "\n");
	}
	if (cr2)   // "Executive summary in case the body of the oops scrolled away"
		printk(cpu, fmt::format("CR2: {:016x}\n", *cr2));
	// oops_end(): taint D (lock debugging off), the end marker (6.1: then the summary
	// registers, 4.4 printed its summary in __die()).
	add_taint_unreliable(cpu, abi::TAINT_DIE);
	printk(cpu, fmt::format("\0014---[ end trace {:016x} ]---\n", oops_id(m_config.spec(), m_config.seed)));
	if (!ip_line)
		show_regs(cpu, t, rip, cr2.value_or(0), code);
	Cpu& c = m.cpus[cpu];
	Task& task = m.tasks[t];
	if (nmi_context || abi::in_interrupt(c.preempt_count)) {
		panic(cpu, "Fatal exception in interrupt\n");
		return;
	}
	if (task.pid == 0) {
		panic(cpu, "Attempted to kill the idle task!\n");
		return;
	}
	if (ip_line) {
		do_exit_after_oops(cpu, t, str, signr);
		return;
	}
	// make_task_dead(): fix up what the oops left, then do_exit(signr). Locks stay held.
	if (!c.irqs_enabled) {
		printk(cpu, fmt::format("\0016note: {}[{}] exited with irqs disabled\n", task.comm, task.pid));
		c.irqs_enabled = true;
	}
	if (c.preempt_count & 0x7fffffff) {
		printk(cpu, fmt::format("\0016note: {}[{}] exited with preempt_count {}\n", task.comm, task.pid,
					c.preempt_count & 0x7fffffff));
		c.preempt_count = 0;
	}
	task.kstack.clear();
	// kernel/exit.c find_child_reaper(), from do_exit()'s exit_notify(): init has no
	// reaper to hand its children to, so its death is a panic, with do_exit()'s code
	// (the signal make_task_dead() passed). No stack dump: the oops tainted D.
	if (task.pid == 1) {
		panic(cpu, fmt::format("Attempted to kill init! exitcode={:#010x}\n", signr));
		return;
	}
	do_exit(cpu, t, signr);
}

void Kernel::kernel_fault(uint32_t cpu, TaskId t, const vm::RunResult& r)
{
	const Task& task = m.tasks[t];
	const auto& vf = std::get<VmFrame>(task.kstack.back());
	std::string rip = symbolize(vm::frame_address(m_images, vf.thread.frames.back()));
	switch (r.fault) {
	case vm::FaultKind::Checked:
		// KASAN refused the access: report it; the access then goes ahead.
		kasan_report(cpu, t, r.fault_address, r.fault_size, r.fault_write);
		return;
	case vm::FaultKind::DivideByZero:
		// exc_divide_error -> do_error_trap -> die(): SIGSEGV for a kernel-mode trap.
		die(cpu, t, "divide error", 0, rip, true, std::nullopt, abi::kSIGSEGV);
		return;
	case vm::FaultKind::Trap:
		// ud2 (gcc's __builtin_trap after a function that falls off its end).
		die(cpu, t, "invalid opcode", 0, rip, true, std::nullopt, abi::kSIGSEGV);
		return;
	case vm::FaultKind::StackOverflow: {
		// The call's push lands in the guard page below the vmalloc'ed stack; the #PF
		// cannot push its own frame there either, so it becomes a #DF on its IST stack:
		// exc_double_fault() (in NMI context) -> handle_stack_overflow() -> die(), and
		// oops_end() panics "in interrupt".
		printk(cpu, fmt::format("\0010BUG: TASK stack guard page was hit at {} (stack is {}..{})\n",
					hashed(r.fault_address), hashed(task.stack_base),
					hashed(task.stack_base + addr::kThreadSize)));
		die(cpu, t, "stack guard page", 0, rip, true, std::nullopt, abi::kSIGSEGV, true);
		return;
	}
	case vm::FaultKind::Read:
	case vm::FaultKind::Write:
	case vm::FaultKind::BadCall: {
		// page_fault_oops() and show_fault_oops(). A bad call is an instruction fetch
		// from the target: RIP is the target, the trace starts at the caller.
		bool fetch = r.fault == vm::FaultKind::BadCall;
		bool write = r.fault == vm::FaultKind::Write;
		std::string where = fetch ? fmt::format("{:#x}", r.fault_address) : rip;
		page_fault_oops(cpu, t, r.fault_address, write, fetch, where, !fetch);
		return;
	}
	}
}

void Kernel::page_fault_oops(uint32_t cpu, TaskId t, uint64_t address, bool write, bool fetch, const std::string& rip,
			     bool in_module, std::string_view code)
{
	if (m_config.spec().oops == OopsStyle::IpLine) {
		show_fault_oops_ip_line(cpu, t, address, rip);
		die(cpu, t, "Oops", fetch ? 0x10 : write ? 0x2 : 0x0, rip, in_module, address, abi::kSIGKILL, false, code);
		return;
	}
	if (address < kPageSize)
		printk(cpu, fmt::format("\0011BUG: kernel NULL pointer dereference, address: {:016x}\n", address));
	else
		printk(cpu, fmt::format("\0011BUG: unable to handle page fault for address: {:016x}\n", address));
	uint32_t err = fetch ? 0x10 : write ? 0x2 : 0x0;
	printk(cpu, fmt::format("\0011#PF: supervisor {} in kernel mode\n",
				fetch ? "instruction fetch" : write ? "write access" : "read access"));
	printk(cpu, fmt::format("\0011#PF: error_code({:#06x}) - not-present page\n", err));
	// dump_pagetable(): nothing is mapped at a NULL-ish or wild address.
	printk(cpu, "\0016PGD 0 P4D 0 \n");
	die(cpu, t, "Oops", err, rip, in_module, address, abi::kSIGKILL, false, code);
}

void Kernel::slub_double_free_bug(uint32_t cpu, TaskId t)
{
	// lib/bug.c report_bug(): "cut here", then the BUG_ON's file and line; ud2 is an
	// invalid opcode trap and die() kills the task with SIGSEGV.
	printk(cpu, "\0014------------[ cut here ]------------\n");
	printk(cpu, fmt::format("\0012kernel BUG at mm/slub.c:{}!\n", kSlubBugLine));
	die(cpu, t, "invalid opcode", 0, kSlubBugRip, false, std::nullopt, abi::kSIGSEGV);
}

}  // namespace kctx::kernel
