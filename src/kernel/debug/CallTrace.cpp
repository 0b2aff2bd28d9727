#include "kernel/debug/CallTrace.h"

#include <fmt/format.h>

#include "abi/Builtins.h"
#include "base/Hash.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"

namespace kctx::kernel {

namespace {

// The lines of one native frame, through Natives.def's `trace` column.
void native_lines(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	using Trace = void (*)(const Machine&, const Task&, const NativeFrame&, std::vector<TraceLine>&);
	static constexpr Trace kTrace[] = {
#define KCTX_NATIVE(name, symbol, size, step, trace) &trace,
#include "kernel/core/Natives.def"
#undef KCTX_NATIVE
	};
	if (f.fn() < NativeFn::Count)
		kTrace[static_cast<size_t>(f.fn())](m, task, f, out);
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

uint64_t site_address(const Machine& m, vm::ImageTable images, std::string_view site)
{
	size_t open = site.rfind(" [");
	if (open == std::string_view::npos || !site.ends_with(']'))
		return kernel_symbol_address(site);
	std::string_view mod = site.substr(open + 2, site.size() - open - 3);
	std::string_view sym = site.substr(0, open);
	std::string_view name = sym.substr(0, sym.find('+'));
	uint64_t off = 0;
	if (size_t plus = sym.find('+'); plus != std::string_view::npos)
		off = std::strtoull(std::string(sym.substr(plus + 1)).c_str(), nullptr, 16);
	for (const Module& module : m.modules) {
		if (module.name != mod || module.state == ModuleState::Gone || module.image >= images.size())
			continue;
		const vm::Image& image = images[module.image];
		for (const vm::Function& f : image.program->functions)
			if (f.name == name)
				return image.text_base + f.text_offset + off;
	}
	return kernel_symbol_address(site);
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

std::vector<TraceLine> release_trace(const ReleaseSpec& spec, const std::vector<TraceLine>& lines)
{
	std::vector<TraceLine> out;
	for (const TraceLine& l : lines) {
		if (l.regs || l.address) {
			out.push_back(l);
			continue;
		}
		for (std::string& frame : release_frames(spec, l.text))
			out.push_back({l.stack, std::move(frame), false, 0});
	}
	return out;
}

uint64_t trace_line_address(const TraceLine& l) { return l.address ? l.address : kernel_symbol_address(l.text); }

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
				out.push_back({vf->stack, symbolize_address(m, images, vm::frame_address(images, *fr)), false,
					       vm::frame_address(images, *fr)});
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
			  std::get<NativeFrame>(task.kstack.front()).fn() == NativeFn::Applet);
	if (from_user && !task.kstack.empty()) {
		uint64_t sp = task.user ? task.user->thread.sp : 0x7ffcf2287fd0ull;
		out.push_back({StackKind::Task, fmt::format("RIP: 0033:{:#x}", user_pc(task, images)), true});
		out.push_back({StackKind::Task, fmt::format("RSP: 002b:{:016x} EFLAGS: 00000246", sp), true});
	}
	return out;
}

}  // namespace kctx::kernel
