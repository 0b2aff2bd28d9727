// dev (dev.c cmd_dev()): the character devices, chrdevs[] by major: CHRDEV, NAME, CDEV,
// OPERATIONS. kctx's machine has no block devices, so the BLKDEV table is empty. The
// devices kctx provides itself (mem, /dev/tty, /dev/console, misc) come first, at the
// majors Documentation/admin-guide/devices.txt gives them.
#include <fmt/format.h>

#include "crash/Addresses.h"
#include "crash/Commands.h"
#include "crash/Symbols.h"
#include "kernel/debug/CallTrace.h"

namespace kctx::crash {

namespace {

struct BuiltinChrdev {
	uint32_t major;
	const char* name;
	const char* fops;
};
// drivers/char/mem.c (1, memory_fops), drivers/tty/tty_io.c (5: /dev/tty, /dev/console),
// drivers/char/misc.c (10, misc_fops).
constexpr BuiltinChrdev kBuiltin[] = {
	{1, "mem", "memory_fops"},
	{5, "/dev/tty", "tty_fops"},
	{5, "/dev/console", "console_fops"},
	{10, "misc", "misc_fops"},
};

}  // namespace

std::string cmd_dev(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "", p))
		return usage_error("dev", fmt::format("invalid option -- '{}'", *bad));
	const Target& t = *s.target;
	struct Row {
		uint32_t major;
		std::string name;
		uint64_t cdev;
		std::string ops;
	};
	std::vector<Row> rows;
	for (const BuiltinChrdev& b : kBuiltin)
		rows.push_back({b.major, b.name, addr::kBuiltinCdevs + b.major * 0x100,
				fmt::format("{}", b.fops)});
	for (const kernel::ChrdevRegion& r : t.machine.vfs.chrdevs) {
		// The region's file_operations: the driver registered under its major.
		std::string ops = "(none)";
		for (const kernel::CharDriver& d : t.machine.vfs.drivers)
			if (d.major == r.major && d.fops) {
				auto sym = symbol_at(t, d.fops);
				ops = sym ? sym->name : fmt::format("{:x}", d.fops);
			}
		rows.push_back({r.major, r.name, r.cdev, ops});
	}
	std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.major < b.major; });
	std::string out = "CHRDEV    NAME                CDEV        OPERATIONS\n";
	for (const Row& r : rows)
		out += fmt::format("{:>4}      {:<16} {:>16}  {}\n", r.major, r.name,
				   r.cdev ? fmt::format("{:x}", r.cdev) : std::string("(none)"), r.ops);
	return out + "\nBLKDEV    NAME                GENDISK     OPERATIONS\n";
}

}  // namespace kctx::crash
