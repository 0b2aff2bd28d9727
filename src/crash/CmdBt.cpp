// bt (x86_64.c x86_64_back_trace_cmd()): the frames of kctx's call trace for the task
// (debug/CallTrace.h, the same frames and symbols the console's Call Trace shows), one
// per line as " #N [stack slot] function at address [module]".
//
// kctx keeps frames, not a byte image of each kernel stack, so a frame's stack slot is
// laid out by one rule here: the innermost frame lowest, 0x40 bytes per frame, from
// the top of the stack it runs on (the task's THREAD_SIZE stack, the CPU's hardirq
// stack, or its NMI stack in the cpu_entry_area). General registers are not
// simulated: an exception frame shows RIP, RSP, RFLAGS, CS and SS only.
#include <array>
#include <charconv>
#include <fmt/format.h>

#include "crash/Commands.h"
#include "crash/Symbols.h"
#include "crash/Tasks.h"
#include "crash/Views.h"
#include "kernel/core/Layout.h"
#include "kernel/debug/CallTrace.h"
#include "vm/Insn.h"

namespace kctx::crash {

namespace {

using kernel::TaskId;

constexpr uint64_t kIrqStacks = 0xffffc90000800000ull;   // + cpu * kernel::addr::kStackStride
constexpr uint64_t kNmiStacks = 0xfffffe0000008000ull;   // + cpu * kCpuEntryAreaStride
constexpr uint64_t kCpuEntryAreaStride = 0x3b000;
constexpr uint64_t kFrameBytes = 0x40;

enum class Stack : uint8_t { Task, Irq, Nmi };

struct Frame {
	Stack stack = Stack::Task;
	std::string text;   // "schedule+0x5a/0xd0 [mod]", or a register line
	bool regs = false;
};

// The address a "name+0xoff/0xsize" line stands for: in a module, the function's
// place in its image; in the kernel, the stable address kctx gives its own symbols.
uint64_t line_address(const Target& t, std::string_view text)
{
	size_t bracket = text.find(" [");
	if (bracket == std::string_view::npos)
		return kernel::kernel_symbol_address(text);
	std::string_view mod = text.substr(bracket + 2);
	mod = mod.substr(0, mod.find(']'));
	std::string_view sym = text.substr(0, bracket);
	std::string_view name = sym.substr(0, sym.find('+'));
	uint64_t off = 0;
	if (size_t plus = sym.find("+0x"); plus != std::string_view::npos)
		(void)std::from_chars(sym.data() + plus + 3, sym.data() + sym.size(), off, 16);
	for (const kernel::Module& m : t.machine.modules) {
		if (m.name != mod || m.state == kernel::ModuleState::Gone)
			continue;
		const vm::Image& img = t.images[m.image];
		for (const vm::Function& f : img.program->functions)
			if (f.name == name)
				return img.text_base + f.text_offset + off;
	}
	return kernel::kernel_symbol_address(sym);
}

// A Call Trace line's function name, its " [module]" suffix (empty for the kernel's own)
// and the address it stands for: what each of bt's frame lines prints.
struct FrameParts {
	std::string_view name, mod;
	uint64_t pc = 0;
};

FrameParts frame_parts(const Target& t, std::string_view text)
{
	size_t bracket = text.find(" [");
	return {text.substr(0, text.find('+')),
		bracket == std::string_view::npos ? std::string_view{} : text.substr(bracket), line_address(t, text)};
}

// "RIP: 0033:0x401020" and "RSP: 002b:00007fff... EFLAGS: 00000246", as crash's block.
std::string register_block(const Target& t, const std::string& rip_line, const std::string& rsp_line)
{
	std::string_view rip = std::string_view(rip_line).substr(5);   // "0033:0x401020" or "0010:sym+off/size"
	std::string_view cs = rip.substr(0, 4), where = rip.substr(5);
	std::string_view rsp = std::string_view(rsp_line).substr(5);
	std::string_view ss = rsp.substr(0, 4), sp = rsp.substr(5, 16);
	std::string out;
	uint64_t pc = 0;
	if (where.starts_with("0x")) {
		(void)std::from_chars(where.data() + 2, where.data() + where.size(), pc, 16);
	} else {
		// A kernel context interrupted at `where`: crash names it first.
		out += fmt::format("    [exception RIP: {}]\n", where.substr(0, where.find('/')));
		pc = line_address(t, where);
	}
	out += fmt::format("    RIP: {:016x}  RSP: {}  RFLAGS: 00000246\n", pc, sp);
	out += fmt::format("    CS: {}  SS: {}\n", cs, ss);
	return out;
}

std::vector<Frame> frames_of(const Target& t, TaskId id)
{
	const kernel::Machine& m = t.machine;
	std::vector<Frame> out;
	std::vector<std::string> top;
	auto cpu = active_cpu(t, id);
	bool panicked = m.panic_cpu >= 0;
	if (cpu && panicked && static_cast<int32_t>(*cpu) == m.panic_cpu) {
		// panic() -> __crash_kexec() -> machine_kexec(): where kdump took the machine.
		top = {"machine_kexec+0x1bd/0x1f0", "__crash_kexec+0x6a/0xe0"};
		top.insert(top.end(), m.panic_stack.begin(), m.panic_stack.end());
	} else if (cpu && panicked) {
		// crash_smp_send_stop(): every other CPU was stopped by an NMI, whose handler
		// saved its registers for the dump (crash_nmi_callback()).
		for (const char* f : {"crash_nmi_callback+0x1c/0x40", "nmi_handle+0x5d/0x120", "default_do_nmi+0x40/0x100",
				      "exc_nmi+0x137/0x160", "end_repeat_nmi+0x16/0x1f"})
			out.push_back({Stack::Nmi, f, false});
	}
	for (kernel::TraceLine& l : kernel::build_trace(m, t.image_table(), id, top))
		out.push_back({l.stack == kernel::StackKind::Irq ? Stack::Irq : Stack::Task, std::move(l.text), l.regs});
	const kernel::Task& task = m.tasks[id];
	if (task.in_user_mode()) {
		// Stopped in user mode: the NMI's exception frame holds the user registers.
		out.push_back({Stack::Task, fmt::format("RIP: 0033:{:#x}", kernel::user_pc(task, t.image_table())), true});
		out.push_back({Stack::Task, fmt::format("RSP: 002b:{:016x} EFLAGS: 00000246", task.user->thread.sp), true});
	}
	return out;
}

uint64_t stack_top(const Target& t, const kernel::Task& task, Stack s)
{
	switch (s) {
	case Stack::Task: return task.stack_base + kernel::addr::kThreadSize;   // the task's own stack
	case Stack::Irq: return kIrqStacks + task.cpu * kernel::addr::kStackStride + kernel::addr::kThreadSize;
	case Stack::Nmi: return kNmiStacks + task.cpu * kCpuEntryAreaStride + 0x1000;   // its NMI IST stack
	}
	(void)t;
	return 0;
}

// -t: "START: fn at addr", then each text address found on the stack, innermost first,
// as "  [slot] fn at addr" (x86_64.c x86_64_display_full_frame's text search).
std::string text_symbols(const Target& t, const kernel::Task& task, const std::vector<Frame>& frames);

// bt's display options: -f frame words, -l source lines, -t text symbols only.
struct BtOptions {
	bool frames = false;
	bool lines = false;
	bool text = false;
};

// -l: "    FILE: LINE" of a module frame's return address (its function's line table); the
// kernel's own functions are native to kctx and have no source line to show.
std::string source_line(const Target& t, uint64_t addr)
{
	std::optional<Symbol> s = symbol_at(t, addr);
	if (!s || s->func < 0)
		return {};
	const vm::Program& p = *t.images[s->image].program;
	const vm::Function& f = p.functions[static_cast<size_t>(s->func)];
	uint32_t pc = static_cast<uint32_t>((addr - s->addr) / vm::kInsnBytes);
	uint32_t line = f.line_at(pc ? pc - 1 : 0);   // the call, not the instruction after it
	std::string file = f.file < p.files.size() ? p.files[f.file] : "?";
	for (const DumpSource& src : t.meta.sources)
		if (file.ends_with("/" + src.path))
			file = src.path;
	return line ? fmt::format("    {}: {}\n", file, line) : std::string();
}

// -f: the words of the frame's slot above its return address, two a line; the slot's
// last word is the return address into the caller, the others what kernel memory holds
// there (kctx keeps frames, not stack bytes, so most read 0).
std::string frame_words(const Target& t, uint64_t slot, uint64_t caller)
{
	std::string out;
	constexpr uint64_t kWords = kFrameBytes / 8;
	for (uint64_t w = 1; w < kWords; w++) {
		uint64_t at = slot + w * 8, v = 0;
		if (w == kWords - 1)
			v = caller;
		else if (!read_kernel(t, at, &v, 8))
			v = 0;
		if (w % 2 == 1)
			out += fmt::format("    {:x}: ", at);
		out += fmt::format("{:016x} ", v);
		if (w % 2 == 0 || w == kWords - 1)
			out += "\n";
	}
	return out;
}

std::string backtrace(const Target& t, TaskId id, const BtOptions& opt = {})
{
	const kernel::Task& task = t.machine.tasks[id];
	std::vector<Frame> frames = frames_of(t, id);
	// Slots per stack, innermost lowest.
	std::array<uint64_t, 3> remaining{};
	for (const Frame& f : frames)
		if (!f.regs)
			remaining[static_cast<size_t>(f.stack)]++;
	std::string out = task_header(t, id);
	if (opt.text)
		return out + text_symbols(t, task, frames);
	int level = 0;
	for (size_t i = 0; i < frames.size(); i++) {
		const Frame& f = frames[i];
		if (f.regs) {
			if (i + 1 < frames.size() && frames[i + 1].regs && f.text.starts_with("RIP: ")) {
				out += register_block(t, f.text, frames[i + 1].text);
				i++;
			}
			continue;
		}
		if (i > 0 && frames[i - 1].stack != f.stack && !frames[i - 1].regs)
			out += frames[i - 1].stack == Stack::Nmi ? "--- <NMI exception stack> ---\n" : "--- <IRQ stack> ---\n";
		size_t k = static_cast<size_t>(f.stack);
		uint64_t slot = stack_top(t, task, f.stack) - remaining[k]-- * kFrameBytes;
		auto [name, mod, pc] = frame_parts(t, f.text);
		out += fmt::format("{}#{} [{:x}] {} at {:x}{}\n", level < 10 ? " " : "", level, slot, name, pc, mod);
		if (opt.lines)
			out += source_line(t, pc);
		if (opt.frames) {
			uint64_t caller = 0;
			for (size_t j = i + 1; j < frames.size() && !caller; j++)
				if (!frames[j].regs)
					caller = line_address(t, frames[j].text);
			out += frame_words(t, slot, caller);
		}
		level++;
	}
	return out;
}

std::string text_symbols(const Target& t, const kernel::Task& task, const std::vector<Frame>& frames)
{
	std::array<uint64_t, 3> remaining{};
	for (const Frame& f : frames)
		if (!f.regs)
			remaining[static_cast<size_t>(f.stack)]++;
	std::string out;
	bool first = true;
	for (const Frame& f : frames) {
		if (f.regs)
			continue;
		size_t k = static_cast<size_t>(f.stack);
		uint64_t slot = stack_top(t, task, f.stack) - remaining[k]-- * kFrameBytes;
		auto [name, mod, pc] = frame_parts(t, f.text);
		if (first)
			out += fmt::format("      START: {} at {:x}\n", name, pc);
		first = false;
		out += fmt::format("  [{:x}] {} at {:x}{}\n", slot, name, pc, mod);
	}
	return out;
}

}  // namespace

Backtrace backtrace_of(const Target& t, TaskId id)
{
	const kernel::Task& task = t.machine.tasks[id];
	std::vector<Frame> frames = frames_of(t, id);
	std::array<uint64_t, 3> remaining{};
	for (const Frame& f : frames)
		if (!f.regs)
			remaining[static_cast<size_t>(f.stack)]++;
	Backtrace bt;
	int level = 0;
	for (size_t i = 0; i < frames.size(); i++) {
		const Frame& f = frames[i];
		if (f.regs) {
			if (i + 1 < frames.size() && frames[i + 1].regs && f.text.starts_with("RIP: ")) {
				std::string_view rip = std::string_view(f.text).substr(5);
				std::string_view rsp = std::string_view(frames[i + 1].text).substr(5);
				BtRegisters& r = bt.regs;
				r.present = true;
				r.cs = std::string(rip.substr(0, 4));
				r.ss = std::string(rsp.substr(0, 4));
				std::string_view where = rip.substr(5), sp = rsp.substr(5, 16);
				if (where.starts_with("0x")) {
					(void)std::from_chars(where.data() + 2, where.data() + where.size(), r.rip, 16);
				} else {
					r.exception_rip = std::string(where.substr(0, where.find('/')));
					r.rip = line_address(t, where);
				}
				(void)std::from_chars(sp.data(), sp.data() + sp.size(), r.rsp, 16);
				i++;
			}
			continue;
		}
		size_t k = static_cast<size_t>(f.stack);
		BtFrame b;
		b.level = level++;
		b.slot = stack_top(t, task, f.stack) - remaining[k]-- * kFrameBytes;
		std::string_view text = f.text;
		b.function = std::string(text.substr(0, text.find('+')));
		if (size_t bracket = text.find(" ["); bracket != std::string_view::npos) {
			std::string_view mod = text.substr(bracket + 2);
			b.module = std::string(mod.substr(0, mod.find(']')));
		}
		b.address = line_address(t, text);
		b.stack = f.stack == Stack::Nmi ? StackKind::Nmi : f.stack == Stack::Irq ? StackKind::Irq : StackKind::Task;
		bt.frames.push_back(std::move(b));
	}
	return bt;
}

std::string cmd_bt(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "aflt", p))
		return usage_error("bt", fmt::format("invalid option -- '{}'", *bad));
	const Target& t = *s.target;
	BtOptions opt{has_flag(p, 'f'), has_flag(p, 'l'), has_flag(p, 't')};
	if (p.flags.find('a') != std::string::npos) {
		// One block per CPU's active task, blank lines between them.
		std::string out;
		for (uint32_t c = 0; c < t.machine.cpus.size(); c++)
			out += (c ? "\n" : "") + backtrace(t, t.machine.cpus[c].curr, opt);
		return out;
	}
	if (p.operands.empty())
		return backtrace(t, s.context, opt);
	std::string out;
	for (size_t i = 0; i < p.operands.size(); i++) {
		auto id = find_task(t, p.operands[i]);
		if (!id) {
			out += fmt::format("bt: invalid task or pid value: {}\n", p.operands[i]);
			continue;
		}
		out += (i ? "\n" : "") + backtrace(t, *id, opt);
	}
	return out;
}

}  // namespace kctx::crash
