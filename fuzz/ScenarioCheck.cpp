#include "ScenarioCheck.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "base/Serialize.h"
#include "cli/Scenario.h"
#include "kernel/core/Kernel.h"

namespace kctx::fuzz {

namespace {

// The console a few simulated milliseconds can print: 5 µs a line, far less than this.
constexpr size_t kMaxConsoleBytes = 16u << 20;
// Slices of run_until(); a run that is still going after this many has not stopped at
// its end.
constexpr uint64_t kSliceNs = 1'000'000;

bool write_file(const std::string& path, const std::string& text)
{
	std::ofstream out(path, std::ios::binary | std::ios::trunc);
	out << text;
	return static_cast<bool>(out);
}

// The last "[    s.uuuuuu]" timestamp in `console`, in ns; 0 when there is none.
uint64_t last_timestamp_ns(const std::string& console)
{
	for (size_t at = console.rfind('['); at != std::string::npos; at = at ? console.rfind('[', at - 1) : std::string::npos) {
		unsigned long s = 0, us = 0;
		char close = 0;
		if ((at == 0 || console[at - 1] == '\n') && std::sscanf(console.c_str() + at, "[%lu.%6lu%c", &s, &us, &close) == 3 &&
		    close == ']')
			return s * 1'000'000'000ull + us * 1000;
		if (at == 0)
			break;
	}
	return 0;
}

// Runs `k` in slices until `stop_ns` or its end, appending the console to `out`.
// False if it did not stop by the run's end.
bool run_to(kernel::Kernel& k, uint64_t stop_ns, uint64_t end_ns, std::string& out)
{
	uint64_t slices = end_ns / kSliceNs + 16;
	while (k.now() < stop_ns) {
		if (slices-- == 0)
			return false;
		bool more = k.run_until(std::min(stop_ns, k.now() + kSliceNs));
		out += k.take_console();
		if (!more)
			return true;
	}
	return true;
}

std::optional<std::string> check_value_semantics(const kernel::Machine& m)
{
	kernel::Machine copy = m;
	if (!(copy == m))
		return "a copy of the machine is not equal to it";
	Result<kernel::Machine> restored = deserialize_from_bytes<kernel::Machine>(serialize_to_bytes(m));
	if (!restored.ok())
		return "the serialized machine does not read back: " + restored.error().message;
	if (!(*restored == m))
		return "the serialized machine reads back different";
	return std::nullopt;
}

}  // namespace

std::optional<std::string> check_scenario(const GeneratedScenario& s, const std::string& dir)
{
	if (!write_file(dir + "/init.sh", s.init_sh) || !write_file(dir + "/fz.c", s.module_c) ||
	    !write_file(dir + "/prog.c", s.program_c))
		return "cannot write the scenario into " + dir;
	cli::RunFlags flags;
	Result<cli::Scenario> loaded = cli::load_scenario(dir, flags);
	if (!loaded.ok())
		return "the generated scenario does not load:\n" + loaded.error().message;
	const cli::Scenario& sc = *loaded;
	const uint64_t end = sc.config.end_ns;

	kernel::Machine m;
	kernel::Kernel k(sc.config, sc.code, m);
	k.boot();
	std::string console;
	if (!run_to(k, end / 2, end, console))
		return "the run does not stop at its end";
	if (auto broken = check_value_semantics(m))
		return broken;
	kernel::Machine copy = m;
	kernel::Kernel kc(sc.config, sc.code, copy);
	std::string first_half = console;
	if (!run_to(k, end, end, console) || k.run_until(end + kSliceNs))
		return "the run does not stop at its end";
	console += k.take_console();
	std::string copy_console;
	if (!run_to(kc, end, end, copy_console) || kc.run_until(end + kSliceNs))
		return "the copy's run does not stop at its end";
	copy_console += kc.take_console();
	if (console.size() - first_half.size() != copy_console.size() ||
	    console.compare(first_half.size(), std::string::npos, copy_console) != 0)
		return "a copy of the machine taken mid-run prints something else";
	if (!(m == copy))
		return "a copy of the machine taken mid-run ends different";

	if (console.size() > kMaxConsoleBytes)
		return "the console grew past " + std::to_string(kMaxConsoleBytes) + " bytes";
	if (m.printk.bytes > sc.config.log_buf_bytes())
		return "the printk ring holds " + std::to_string(m.printk.bytes) + " bytes, more than log_buf_len";
	kernel::Summary sum = k.summary();
	if (sum.sim_ns > end)
		return "the summary's simulated time " + std::to_string(sum.sim_ns) + " ns is past the run's end";
	if (uint64_t ts = last_timestamp_ns(console); ts / 1000 > sum.sim_ns / 1000)
		return "the console's last timestamp " + std::to_string(ts) + " ns is past the summary's " +
		       std::to_string(sum.sim_ns) + " ns";
	return std::nullopt;
}

}  // namespace kctx::fuzz
