// A consumer of the trace's event stream (Event.h).
#pragma once

#include <cstdint>

#include "trace/Event.h"

namespace kctx::trace {

class Sink {
public:
	virtual ~Sink() = default;
	// The categories this sink wants; the recorder builds no event nobody wants.
	[[nodiscard]] virtual uint32_t categories() const = 0;
	virtual void event(const Event& e) = 0;
	// Tracing starts with `curr` running on `cpu` at `ts` (before any sched_switch there).
	virtual void cpu_start(uint32_t cpu, uint64_t ts, const TaskInfo& curr) {}
	// The run ended with the CPU's clock at `ts`.
	virtual void cpu_end(uint32_t cpu, uint64_t ts) {}
};

}  // namespace kctx::trace
