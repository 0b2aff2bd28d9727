#include "cli/LiveCrash.h"

#include <fmt/format.h>

#include "crash/Session.h"
#include "kernel/core/MachineBytes.h"

namespace kctx::cli {

std::string LiveCrash::crash_command(const kernel::Machine& m, const kernel::Config& config, const kernel::Code& code,
				     kernel::TaskId self, std::string_view memsrc, std::string_view line)
{
	crash::DumpImage img;
	img.release = std::string(config.release());
	img.sources = m_sources;
	img.taken_ns = m.tasks[self].cpu < m.cpus.size() ? m.cpus[m.tasks[self].cpu].now : 0;
	img.machine = kernel::machine_to_bytes(m);
	Result<crash::Target> target = crash::open_target(std::move(img), config, code, std::string(memsrc));
	if (!target.ok())
		return fmt::format("crash: {}\n", target.error().message);
	target->live = true;
	crash::Session session(*target, m_version);
	ProcessState& ps = m_processes[self];
	// crash on a live system starts in its own task's context.
	if (ps.context == kernel::kNoTask || ps.context >= m.tasks.size())
		ps.context = self;
	session.state().context = ps.context;
	session.state().print_count = ps.print_count;
	std::string out;
	if (line.empty()) {
		out = session.banner();
	} else if (line.find_first_of("|>") != std::string_view::npos) {
		// The session runs inside the simulated machine: it has no host shell to pipe to.
		out = "crash: pipes and redirections are not available in a live kctx session\n";
	} else {
		out = session.run(line);
	}
	ps.context = session.state().context;
	ps.print_count = session.state().print_count;
	return out;
}

}  // namespace kctx::cli
