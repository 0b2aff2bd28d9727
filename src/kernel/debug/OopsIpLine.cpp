// A kernel-mode fault as x86-64 reported it up to 4.x (OopsStyle::IpLine), from Linux 4.4:
// arch/x86/mm/fault.c show_fault_oops() and no_context(), arch/x86/kernel/dumpstack.c
// __die() and oops_end(), dumpstack_64.c show_regs(), process_64.c __show_regs(), and
// kernel/exit.c do_exit(). The lines in the order 4.4 prints them:
//   BUG: unable to handle kernel NULL pointer dereference at 0000000000000008
//   IP: [<ffffffffc0000008>] read_limit+0x8/0x10 [nullptr]
//   PGD 0
//   Oops: 0000 [#1] SMP
//   Modules linked in: …            (print_modules() before show_regs())
//   CPU: … / Hardware name: … / task: … ti: … task.ti: …
//   RIP: 0010:[<…>]  [<…>] sym / RSP: 0018:…  EFLAGS: … / the registers
//   Stack: / three lines of words / Call Trace: / " [<…>] sym" lines
//   Code: 43 bytes <the faulting one> 20 more
//   RIP  [<…>] sym /  RSP <…>       (__die()'s summary)
//   CR2: … / ---[ end trace … ]---
#include <charconv>
#include <fmt/format.h>

#include "abi/Preempt.h"
#include "kernel/core/Kernel.h"
#include "kernel/module/ModuleList.h"
#include "kernel/core/Layout.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/debug/FaultRegs.h"

namespace kctx::kernel {

namespace {

constexpr uint64_t kPageSize = 4096;
// dumpstack_64.c show_regs(): code_bytes (64) bytes, code_bytes * 43 / 64 before the IP.
constexpr uint32_t kCodeBytes = 64;
constexpr uint32_t kCodePrologue = kCodeBytes * 43 / 64;

// The frames between do_exit() and the faulting code, by die()'s `str`: the exception's
// handler up to its entry stub (arch/x86/mm/fault.c, arch/x86/kernel/traps.c and
// entry_64.S of 4.4; 6.1's names where the release table maps them).
struct FaultPath {
	std::string_view str;
	std::vector<std::string> frames;
};
const FaultPath kFaultPaths[] = {
	{"Oops",
	 {"oops_end+0xa5/0xd0", "no_context+0x10f/0x360", "__bad_area_nosemaphore+0x6d/0x1d0",
	  "bad_area_nosemaphore+0x13/0x20", "do_user_addr_fault", "exc_page_fault", "asm_exc_page_fault"}},
	{"divide error",
	 {"oops_end+0xa5/0xd0", "die+0x55/0x80", "do_trap+0x13a/0x140", "do_error_trap+0x89/0x110",
	  "do_divide_error+0x1b/0x20", "divide_error+0x1e/0x30"}},
	{"invalid opcode",
	 {"oops_end+0xa5/0xd0", "die+0x55/0x80", "do_trap+0x13a/0x140", "do_error_trap+0x89/0x110",
	  "do_invalid_op+0x20/0x30", "invalid_op+0x1e/0x30"}},
};

// Before 4.9's CONFIG_VMAP_STACK a task's stack sat in the direct map (0xffff8800…).
uint64_t direct_map(uint64_t a) { return 0xffff880000000000ull | (a & 0xffffffffffull); }

// lib/vsprintf.c (4.4) pointer(): a NULL %p prints "(null)" in the pointer's width, any
// other value its 16 zero-padded hex digits (no hashing before 4.15).
std::string percent_p(uint64_t p) { return p == 0 ? fmt::format("{:>16}", "(null)") : fmt::format("{:016x}", p); }

// dumpstack.c (4.4) printk_address(): " [<%p>] %pS" without its leading blank; both
// conversions print a NULL as "(null)" in the pointer's width, so a call through a NULL
// function pointer shows "[<          (null)>]           (null)".
std::string ip_and_symbol(uint64_t ip, const std::string& sym)
{
	return fmt::format("[<{}>] {}", percent_p(ip), ip == 0 ? percent_p(0) : sym);
}

}  // namespace

uint64_t Kernel::fault_ip(TaskId t, const std::string& rip) const
{
	if (auto regs = fault_regs(m, m_images, t, rip, 0); regs.ip)
		return *regs.ip;
	uint64_t a = 0;
	// A call to a wild address: the RIP is the target itself, "0x…".
	if (rip.starts_with("0x") && std::from_chars(rip.data() + 2, rip.data() + rip.size(), a, 16).ec == std::errc{})
		return a;
	return kernel_symbol_address(rip);
}

void Kernel::show_fault_oops_ip_line(uint32_t cpu, TaskId t, uint64_t address, const std::string& rip)
{
	printk(cpu, fmt::format("\0011BUG: unable to handle kernel {} at {}\n",
				address < kPageSize ? "NULL pointer dereference" : "paging request", percent_p(address)));
	uint64_t ip = fault_ip(t, rip);
	// printk_address(): " [<%p>] %pS".
	printk(cpu, fmt::format("\0011IP: {}\n", ip_and_symbol(ip, rip)));
	// dump_pagetable(): "PGD %lx ", and nothing below a PGD entry that is not present.
	printk(cpu, "PGD 0 \n");
}

void Kernel::die_ip_line(uint32_t cpu, TaskId t, std::string_view str, uint32_t err, const std::string& rip,
			 bool in_module, uint64_t cr2, std::string_view kernel_code)
{
	const Task& task = m.tasks[t];
	const Cpu& c = m.cpus[cpu];
	// __die(): "%s: %04lx [#%d] ", then "PREEMPT " (not in this config: see uts_version),
	// "SMP ", "KASAN" as separate printks, then "\n".
	printk(cpu, fmt::format("\0014{}: {:04x} [#{}] SMP {}\n", str, err & 0xffff, m.findings.oopses,
				m_config.kasan() ? "KASAN" : ""));
	printk(cpu, modules_linked_in(m.modules, m.last_unloaded_module) + "\n");
	// show_regs() -> show_regs_print_info(): dump_stack_print_info() and the task line.
	dump_header(cpu);
	uint64_t ti = direct_map(task.stack_base);
	printk(cpu, fmt::format("task: {:016x} ti: {:016x} task.ti: {:016x}\n", 0xffff880036000000ull + task.pid * 0x2000ull,
				ti, ti));
	FaultRegs regs = fault_regs(m, m_images, t, rip, task.stack_base + addr::kThreadSize - 0x1a8);
	uint64_t ip = regs.ip ? *regs.ip : fault_ip(t, rip);
	uint64_t sp = direct_map(regs.sp), bp = direct_map(regs.bp);
	// __show_regs(regs, 1): "RIP: %04lx:[<%016lx>] " continued by printk_address().
	printk(cpu, fmt::format("RIP: 0010:[<{:016x}>]  {}\n", ip, ip_and_symbol(ip, rip)));
	printk(cpu, fmt::format("RSP: 0018:{:016x}  EFLAGS: {:08x}\n", sp, c.irqs_enabled ? 0x10246 : 0x10046));
	// A 1 GiB guest's direct map and page tables, a CPU of 2016 (no PKU, no UMIP).
	ControlRegs cr{.fs = task.user ? 0x00007f3a1c2e8740ull : 0,
		       .gs = 0xffff88003fc00000ull + uint64_t{cpu} * 0x40000,
		       .cr2 = cr2,
		       .cr3 = 0x000000003a000000ull + static_cast<uint64_t>(task.tgid) * 0x2000,
		       .cr4 = 0x00000000000406f0ull};
	for (const std::string& line : register_lines(regs, bp, cr))
		printk(cpu, line + "\n");
	// "Stack:", show_stack_log_lvl()'s words and show_trace_log_lvl() from the registers:
	// the faulting function is the RIP line, the trace goes on with its callers.
	std::vector<TraceLine> lines = release_trace(m_config.spec(), build_trace(m, m_images, t, {}));
	std::erase_if(lines, [](const TraceLine& l) { return l.regs; });
	if (in_module && !lines.empty())
		lines.erase(lines.begin());
	printk(cpu, "Stack:\n");
	print_stack_words(cpu, lines, sp);
	print_trace_words(cpu, lines);
	// "Code: ", then "%02x " per byte, "<%02x> " for the faulting one.
	std::string code = "Code: ";
	if (regs.wild)   // probe_kernel_address() of the first byte fails
		code += " Bad RIP value.";
	else if (regs.ip)
		for (uint32_t i = 0; i < kCodeBytes; i++) {
			uint8_t b = text_byte(m_images, ip - kCodePrologue + i);
			code += i == kCodePrologue ? fmt::format("<{:02x}> ", b) : fmt::format("{:02x} ", b);
		}
	else
		code += fmt::format("{} ", kernel_code.empty() ? "0f 0b" : kernel_code);
	printk(cpu, code + "\n");
	// "Executive summary in case the oops scrolled away".
	printk(cpu, fmt::format("\0011RIP  {}\n", ip_and_symbol(ip, rip)));
	printk(cpu, fmt::format(" RSP <{:016x}>\n", sp));
}

void Kernel::do_exit_after_oops(uint32_t cpu, TaskId t, std::string_view str, int32_t signr)
{
	// kernel/exit.c (4.4) do_exit(): the note about a leaked preempt_count, without 6.1's
	// make_task_dead() fix-up; the final schedule() runs under do_exit()'s own
	// preempt_disable(), so schedule_debug() finds preempt_count() != PREEMPT_DISABLE_OFFSET
	// and reports it before resetting the count to PREEMPT_DISABLED.
	Cpu& c = m.cpus[cpu];
	Task& task = m.tasks[t];
	uint32_t leaked = c.preempt_count & 0x7fffffff;
	if (leaked) {
		printk(cpu, fmt::format("\0016note: {}[{}] exited with preempt_count {}\n", task.comm, task.pid, leaked));
		c.preempt_count = leaked + abi::PREEMPT_DISABLED;
		// The trace runs from schedule() down through the exception's handler into the
		// code that faulted, which is still on the task's stack.
		std::vector<std::string> callers = {"schedule", "do_exit"};
		for (const FaultPath& p : kFaultPaths)
			if (p.str == str)
				callers.insert(callers.end(), p.frames.begin(), p.frames.end());
		schedule_bug(cpu, t, callers);
	}
	// oops_end() restored the interrupt state of oops_begin(); kctx's exit path runs with
	// interrupts on, as 4.4's do_exit() re-enables them on its way (exit_signals()'s
	// spin_unlock_irq).
	c.irqs_enabled = true;
	c.preempt_count = 0;
	task.kstack.clear();
	if (task.pid == 1) {
		panic(cpu, fmt::format("Attempted to kill init! exitcode={:#010x}\n", signr));
		return;
	}
	do_exit(cpu, t, signr);
}

}  // namespace kctx::kernel
