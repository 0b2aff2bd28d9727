// The call trace as x86-64 printed it up to 4.8 (TraceStyle::StackWords), from Linux 4.4:
// arch/x86/kernel/dumpstack_64.c show_stack_log_lvl() prints kstack_depth_to_print (3 *
// STACKSLOTS_PER_LINE = 12) raw stack words, four a line, " %016lx" each; then
// arch/x86/kernel/dumpstack.c show_trace_log_lvl() prints "Call Trace:" and dump_trace()
// walks the stacks: print_trace_stack() prints " <IRQ> " when it enters the irq stack and
// " <EOI> " when it leaves it, without a newline, and printk_address() prints each frame
// as " [<%p>] %s%pB\n", so the marker and the next frame share a line.
#include <fmt/format.h>

#include "kernel/core/Kernel.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::kernel {

namespace {

constexpr size_t kStackWords = 12;     // kstack_depth_to_print
constexpr size_t kWordsPerLine = 4;    // STACKSLOTS_PER_LINE

// The frames that ran on the per-CPU irq stack: every frame up to the irq entry (4.4's
// interrupt entry switches stacks whatever it interrupted), else those the simulation put
// there. Returns one past the last, 0 when the trace never touched the irq stack.
size_t irq_frames(const ReleaseSpec& spec, const std::vector<TraceLine>& lines)
{
	size_t end = 0;
	for (size_t i = 0; i < lines.size(); i++) {
		std::string_view fn = std::string_view(lines[i].text).substr(0, lines[i].text.find('+'));
		if (fn == spec.irq_entry_function || lines[i].stack == StackKind::Irq)
			end = i + 1;
	}
	return end;
}

}  // namespace

void Kernel::print_stack_words(uint32_t cpu, const std::vector<TraceLine>& lines, uint64_t sp)
{
	// Before 4.9's CONFIG_VMAP_STACK a task's stack sat in the direct map (0xffff8800…),
	// and a dump from the irq stack shows the per-CPU irq stack's addresses.
	sp = irq_frames(m_config.spec(), lines) > 0 ? 0xffff88003fc83d60ull + cpu * 0x40000ull
						     : 0xffff880000000000ull | (sp & 0xffffffffffull);
	// What a real stack holds near its top: saved frame pointers and return addresses,
	// the first slot a zeroed local; kctx's are the trace's own addresses, so stable.
	std::vector<uint64_t> words;
	words.push_back(0);
	for (size_t i = 0; words.size() < kStackWords; i++) {
		words.push_back(sp + 0x10 * (words.size() + 1));
		if (words.size() < kStackWords)
			words.push_back(i < lines.size() ? trace_line_address(lines[i]) : sp + 0x100 + 8 * i);
	}
	for (size_t i = 0; i < words.size(); i += kWordsPerLine) {
		std::string line;
		for (size_t j = i; j < i + kWordsPerLine && j < words.size(); j++)
			line += fmt::format(" {:016x}", words[j]);
		printk(cpu, line + "\n");
	}
}

void Kernel::print_trace_words(uint32_t cpu, const std::vector<TraceLine>& lines)
{
	const ReleaseSpec& spec = m_config.spec();
	std::vector<TraceLine> frames;
	for (const TraceLine& l : lines)
		if (!l.regs)
			frames.push_back(l);
	size_t irq_end = irq_frames(spec, frames);
	printk(cpu, "Call Trace:\n");
	for (size_t i = 0; i < frames.size(); i++) {
		std::string marker = i == 0 && irq_end > 0 ? " <IRQ> " : i == irq_end && i > 0 ? " <EOI> " : "";
		printk(cpu, fmt::format("{} [<{:016x}>] {}\n", marker, trace_line_address(frames[i]), frames[i].text));
	}
	if (irq_end > 0 && irq_end == frames.size())
		printk(cpu, " <EOI> \n");
}

void Kernel::show_regs_words(uint32_t cpu, const Task& task, const std::vector<TraceLine>& raw, uint32_t eflags)
{
	// arch/x86/kernel/dumpstack_64.c (4.4) show_regs(): after dump_stack_print_info,
	// show_regs_print_info's "task: ti: task.ti:" line; __show_regs() (process_64.c) prints
	// "RIP: %04lx:[<%016lx>] " and then printk_address(ip) on the same line, then RSP and
	// EFLAGS; for kernel mode "Stack:", the words and the trace follow. (kctx leaves out
	// the general registers and the Code: bytes, as on 6.1.)
	uint64_t task_addr = 0xffff880036000000ull + task.pid * 0x2000ull;
	uint64_t ti = 0xffff880000000000ull | (task.stack_base & 0xffffffffffull);   // no VMAP_STACK
	printk(cpu, fmt::format("task: {:016x} ti: {:016x} task.ti: {:016x}\n", task_addr, ti, ti));
	std::vector<TraceLine> lines = release_trace(m_config.spec(), raw);
	std::erase_if(lines, [](const TraceLine& l) { return l.regs; });
	if (task.kstack.empty() || lines.empty()) {
		uint64_t pc = user_pc(task, m_images);
		printk(cpu, fmt::format("RIP: 0033:[<{:016x}>]  [<{:016x}>] {:#x}\n", pc, pc, pc));
		printk(cpu, fmt::format("RSP: 002b:{:016x}  EFLAGS: {:08x}\n", task.user ? task.user->thread.sp : 0, eflags));
		return;
	}
	uint64_t ip = trace_line_address(lines.front());
	uint64_t sp = ti + 0x3e98;
	printk(cpu, fmt::format("RIP: 0010:[<{:016x}>]  [<{:016x}>] {}\n", ip, ip, lines.front().text));
	printk(cpu, fmt::format("RSP: 0018:{:016x}  EFLAGS: {:08x}\n", sp, eflags));
	lines.erase(lines.begin());
	printk(cpu, "Stack:\n");
	print_stack_words(cpu, lines, sp);
	print_trace_words(cpu, lines);
}

}  // namespace kctx::kernel
