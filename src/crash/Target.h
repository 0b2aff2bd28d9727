// What a crash session reads: one machine, restored from a dump, with the code it ran.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/Result.h"
#include "crash/Dump.h"
#include "kernel/core/Config.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Machine.h"
#include "vm/Interpreter.h"

namespace kctx::lang {
struct ParsedUnit;
}

namespace kctx::crash {

struct Target {
	kernel::Config config;
	kernel::Code code;
	kernel::Machine machine;
	std::vector<vm::Image> images;   // machine.images with their programs, as the kernel builds them
	std::string dumpfile;            // the file as named on the command line
	DumpImage meta;                  // the dump's header fields (its machine bytes dropped)
	// The modules' typed ASTs (by Code::modules index; null where none was parsed): the
	// front end's type layouts, which struct/union/whatis/p read as crash reads a
	// module's debuginfo. A type of the prelude (struct timer_list, task_struct) is
	// found through any module that parsed it.
	std::vector<std::shared_ptr<const lang::ParsedUnit>> module_units;
	// Where the session reads from: the dump file, or on the live machine the device
	// crash chose (/dev/crash, /proc/kcore). `live` drops the PANIC line, as crash does.
	bool live = false;

	[[nodiscard]] vm::ImageTable image_table() const { return images; }
};

// Restores the dump's machine against code compiled again from its sources, and checks
// that every index the commands follow (a CPU's current task, a task's CPU, an image's
// program) is in range, so a dump from a mismatched build is refused, not misread.
[[nodiscard]] Result<Target> open_target(DumpImage image, kernel::Config config, kernel::Code code,
					 const std::string& dumpfile);

// The machine's wall clock: kctx's simulated PC boots at midnight UTC on the date its
// BIOS line carries (Hardware name: ... BIOS kctx 6.1 11/22/2026).
inline constexpr int64_t kBootEpoch = 1795305600;   // 2026-11-22 00:00:00 UTC
// strftime(`format`) of the wall clock `ns` after boot.
[[nodiscard]] std::string wall_clock(uint64_t ns, const char* format);
// tools.c convert_time(): a count of jiffies as "[N days, ]HH:MM:SS" ("1 days" too, as
// crash prints it), for sys's UPTIME and ps -t's RUN TIME.
[[nodiscard]] std::string convert_time(uint64_t jiffies, uint32_t hz);

// The task a command means by "current": the panic task, or the first CPU's.
[[nodiscard]] kernel::TaskId panic_task(const Target& t);

}  // namespace kctx::crash
