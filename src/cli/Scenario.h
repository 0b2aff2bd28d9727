// A scenario directory made ready to run: init.sh compiled to pid 1's program, every
// program and module it names compiled, and the machine's configuration.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/Diagnostic.h"
#include "base/Result.h"
#include "cli/Options.h"
#include "kernel/core/Config.h"
#include "kernel/core/Kernel.h"
#include "shell/InitScript.h"

namespace kctx::lang {
struct ParsedUnit;
}

namespace kctx::cli {

// What the compiler said about code that compiled: printed before the run, as a build's
// warnings are.
struct CompilerWarnings {
	WarningPolicy policy = WarningPolicy::Report;
	std::string text;   // rendered diagnostics
};

struct Scenario {
	kernel::Config config;
	kernel::Code code;
	CompilerWarnings warnings;
	std::vector<std::string> inputs;   // every host file read: no output may overwrite one
	// With RunFlags::keep_types, or when init.sh runs stap: each module's typed AST, by
	// Code::modules index.
	std::vector<std::shared_ptr<const lang::ParsedUnit>> module_units;
	// The same for the scenario's programs, by Code::programs index (the busybox applets
	// numbered after them have none): process() probes' parameters and types.
	std::vector<std::shared_ptr<const lang::ParsedUnit>> program_units;
	// When init.sh runs stap: the directory's *.stp files by name, the files stap reads
	// inside the machine (cli/StapHost.h).
	std::map<std::string, std::string> stap_scripts;
};

// Loads DIR. On failure the error holds rendered diagnostics (clang-style) or a one-line
// message; the caller prints it and exits with status 2.
// `dir` may also be the scenario's init.sh.
[[nodiscard]] Result<Scenario> load_scenario(const std::string& dir, const RunFlags& flags);

// Reads a whole source file through read_host_source (base/HostFile.h): a regular file
// of at most 4 MiB, inside `root` unless it is empty; an error names the file.
[[nodiscard]] Result<std::string> read_file(const std::string& path, const std::string& root = "");

}  // namespace kctx::cli
