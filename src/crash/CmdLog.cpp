// log (kernel.c dump_log() for the variable-length record ring buffer of 6.1).
#include <fmt/format.h>

#include "crash/Commands.h"

namespace kctx::crash {

std::string cmd_log(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "Ttm", p))
		return usage_error("log", fmt::format("invalid option -- '{}'", *bad));
	bool human = p.flags.find('T') != std::string::npos;
	bool no_time = p.flags.find('t') != std::string::npos;
	bool level = p.flags.find('m') != std::string::npos;
	const kernel::Machine& m = s.target->machine;
	std::string out;
	for (size_t i = m.printk.head; i < m.printk.log.size(); i++) {
		const kernel::LogRecord& r = m.printk.log[i];
		std::string line;
		if (level)
			line += fmt::format("<{}>", r.level);
		if (human) {
			// -T: the record's time on the machine's wall clock (sys's DATE), as
			// dmesg -T prints it.
			line += fmt::format("[{}] ", wall_clock(r.ts, "%a %b %e %H:%M:%S %Y"));
		} else if (!no_time) {
			line += fmt::format("[{:5}.{:06}] ", r.ts / 1'000'000'000ull, r.ts % 1'000'000'000ull / 1000);
		}
		// A record's text keeps printk's newline; crash prints one line per record.
		std::string_view text = r.text;
		if (text.ends_with('\n'))
			text.remove_suffix(1);
		out += line + std::string(text) + "\n";
	}
	return out;
}

}  // namespace kctx::crash
