// crash on the live machine (issue 14): the `crash` program in init.sh asks the kernel,
// through __kctx_crash(), to answer one crash command on the machine as it is at that
// moment. The crash layer is above the kernel, which never includes it: the kernel
// exposes this interface and the CLI fills it, as it fills Hooks for tracing.
#pragma once

#include <string>
#include <string_view>

#include "kernel/core/Config.h"
#include "kernel/core/Machine.h"

namespace kctx::kernel {

struct Code;

class Inspector {
public:
	virtual ~Inspector() = default;
	// The output of `line` for the crash process `self`, reading memory through `memsrc`
	// (/dev/crash, /dev/mem or /proc/kcore); an empty line is crash's start-up banner.
	// It reads the machine and never changes it.
	[[nodiscard]] virtual std::string crash_command(const Machine& m, const Config& config, const Code& code,
							 TaskId self, std::string_view memsrc, std::string_view line) = 0;
};

}  // namespace kctx::kernel
