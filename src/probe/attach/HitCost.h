#pragma once
// What one probe hit costs the simulated CPU it runs on (issue 13: a probe changes nothing
// in the machine but simulated time, at a documented cost per hit). One figure per
// mechanism, for the trap and the handler together, whatever the handler does, so the
// observer effect is small, deterministic and the same on every run:
// - kprobe 490 ns, kretprobe 800 ns: Documentation/trace/kprobes.rst, "Probe Overhead",
//   the x86_64 row (k = 0.49 usec; kr = 0.80 usec), rounded to 10 ns;
// - uprobe 2 µs, uretprobe 2.3 µs: a trap from user mode and a single-step out of line,
//   the kprobe's figures plus 1.5 µs for the mode switches (kctx's chosen figure, not
//   measured);
// - tracepoint and timer 100 ns: a static call into the handler, no trap (chosen);
// - begin, end, error and never probes are no hits.
#include <cstdint>

#include "probe/run/Resolve.h"

namespace kctx::probe {

[[nodiscard]] constexpr uint64_t hit_cost_ns(const ProbeSite& s)
{
	switch (s.event) {
	case Event::Begin:
	case Event::End:
	case Event::Error:
	case Event::Never: return 0;
	case Event::FunctionEntry:
	case Event::Statement: return s.program && s.user ? 2'000 : 490;
	case Event::FunctionReturn: return s.program && s.user ? 2'300 : 800;
	default: return 100;   // tracepoints (and the tapset aliases over them), timers
	}
}

}  // namespace kctx::probe
