// SystemTap started inside the machine (issue 13): the `stap` program in init.sh asks the
// kernel, through __kctx_stap(), to start its session, attach it after the simulated
// compile-and-load delay, poll it, hand it its output and stop it. The probe layer is
// above the kernel, which never includes it: the kernel exposes this interface and the
// CLI fills it, as it fills Inspector for crash and Hooks for tracing.
//
// What is in the Machine: the stap task (its pid, its state, its sleep while the module
// "compiles", its signals, its exit status) — it is a process like any other. What is
// not: the session itself (the parsed script, its globals and aggregates, its output not
// yet read), which is host-side observer state, like a `kctx stap --run` session's, and
// never changes the machine (docs/stap.md).
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "kernel/core/Machine.h"

namespace kctx::kernel {

// __kctx_stap()'s first argument.
enum class StapOp : uint8_t {
	Start,     // argv: stap's command line; passes 1 and 2. ret 0, or 1 with stap's messages in text
	Attach,    // the module is loaded: probe begin runs, the probes start firing. ret 0
	Running,   // ret 1 while the session runs, 0 once it ended (exit(), an error)
	ReadOut,   // the session's output not yet read (stap's stdout) in text
	ReadErr,   // its warnings and errors not yet read (stap's stderr) in text
	Stop,      // ends it (probe end runs, if it was attached); ret stap's exit status
	Count,
};

class ProbeHost {
public:
	struct Reply {
		int64_t ret = 0;
		std::string text;
	};
	virtual ~ProbeHost() = default;
	// One request of the stap process `self`, running on `cpu`; a read hands over at most
	// `max` bytes and keeps the rest for the next one. It never changes the machine.
	[[nodiscard]] virtual Reply stap_request(const Machine& m, uint32_t cpu, TaskId self, StapOp op,
						 std::span<const std::string> argv, uint64_t max) = 0;
};

}  // namespace kctx::kernel
