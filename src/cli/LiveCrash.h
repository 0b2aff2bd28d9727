// The live crash sessions (issue 14): the kernel's Inspector (kernel/core/Inspector.h)
// filled with the crash layer. Each request restores a crash Target from the machine
// as it is at that moment (the same checks as a dump's) and runs one command; each
// crash process keeps its own context (`set`) and gdb value count between requests.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "crash/Dump.h"
#include "kernel/core/Inspector.h"

namespace kctx::cli {

class LiveCrash final : public kernel::Inspector {
public:
	LiveCrash(std::vector<crash::DumpSource> sources, std::string kctx_version)
		: m_sources(std::move(sources)), m_version(std::move(kctx_version))
	{
	}
	[[nodiscard]] std::string crash_command(const kernel::Machine& m, const kernel::Config& config,
						const kernel::Code& code, kernel::TaskId self, std::string_view memsrc,
						std::string_view line) override;

private:
	struct ProcessState {
		kernel::TaskId context = kernel::kNoTask;
		uint32_t print_count = 0;
	};
	std::vector<crash::DumpSource> m_sources;   // for dis -l's C lines
	std::string m_version;
	std::map<kernel::TaskId, ProcessState> m_processes;
};

}  // namespace kctx::cli
