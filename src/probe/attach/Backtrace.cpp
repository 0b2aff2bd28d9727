#include "probe/attach/Backtrace.h"

#include <cstdlib>

#include "kernel/core/Images.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::probe {

StackFrame parse_trace_symbol(uint64_t address, const std::string& text)
{
	StackFrame f{address, {}, 0, 0, "kernel"};
	size_t plus = text.find('+');
	size_t slash = text.find('/', plus == std::string::npos ? 0 : plus);
	if (plus == std::string::npos || slash == std::string::npos)
		return StackFrame{address, {}, 0, 0, {}};
	f.symbol = text.substr(0, plus);
	f.offset = std::strtoull(text.c_str() + plus + 1, nullptr, 16);
	f.size = std::strtoull(text.c_str() + slash + 1, nullptr, 16);
	// Module code: "cst_timer_handler+0x50/0x6c [cst]".
	if (size_t open = text.find(" ["); open != std::string::npos)
		f.module = text.substr(open + 2, text.find(']', open) - open - 2);
	return f;
}

std::vector<StackFrame> kernel_backtrace(const kernel::Machine& m, const ImageTable* images, kernel::TaskId t,
					 const std::optional<StackFrame>& top, bool drop_top)
{
	std::vector<StackFrame> out;
	if (top)
		out.push_back(*top);
	if (!images)
		return out;
	std::vector<kernel::TraceLine> lines;
	if (drop_top && !m.tasks[t].kstack.empty()) {
		kernel::Task task = m.tasks[t];
		task.kstack.pop_back();
		lines = kernel::build_trace(m, *images, task, {});
	} else {
		lines = kernel::build_trace(m, *images, t, {});
	}
	for (const kernel::TraceLine& l : lines) {
		// The user registers a trace ends with are not frames.
		if (l.regs)
			continue;
		out.push_back(parse_trace_symbol(kernel::trace_line_address(l), l.text));
	}
	return out;
}

StackFrame kernel_symbol_at(const kernel::Machine& m, const ImageTable* images, uint64_t address)
{
	if (!images)
		return StackFrame{address, {}, 0, 0, {}};
	return parse_trace_symbol(address, kernel::symbolize_address(m, *images, address));
}

}  // namespace kctx::probe
