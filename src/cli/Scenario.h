// A scenario directory made ready to run: init.sh compiled to pid 1's program, every
// program and module it names compiled, and the machine's configuration.
#pragma once

#include <optional>
#include <string>

#include "base/Diagnostic.h"
#include "base/Result.h"
#include "kernel/core/Config.h"
#include "kernel/core/Kernel.h"
#include "shell/InitScript.h"

namespace kctx::cli {

// Command-line settings; they override the init.sh header.
struct RunFlags {
	std::optional<uint32_t> cpus, hz;
	std::optional<double> seconds;
	std::optional<uint64_t> seed;
	std::optional<std::string> preempt, config, mem;
	bool mem_pressure = false;
};

struct Scenario {
	kernel::Config config;
	kernel::Code code;
};

// Loads DIR. On failure the error holds rendered diagnostics (clang-style) or a one-line
// message; the caller prints it and exits with status 2.
[[nodiscard]] Result<Scenario> load_scenario(const std::string& dir, const RunFlags& flags);

// Reads a whole file; an error names it.
[[nodiscard]] Result<std::string> read_file(const std::string& path);

}  // namespace kctx::cli
