#include "crash/Target.h"

#include <ctime>
#include <fmt/format.h>

#include "kernel/core/Images.h"
#include "kernel/core/MachineBytes.h"

namespace kctx::crash {

namespace {

Result<void> check_machine(const Target& t, const std::string& name)
{
	const kernel::Machine& m = t.machine;
	auto bad = [&](std::string_view what) {
		return Error{fmt::format("{}: corrupt kctx vmcore: {}", name, what)};
	};
	if (m.cpus.empty() || m.cpus.size() != t.config.cpus)
		return bad(fmt::format("{} CPUs, but its scenario configures {}", m.cpus.size(), t.config.cpus));
	for (const kernel::Cpu& c : m.cpus) {
		if (c.curr >= m.tasks.size() || c.idle >= m.tasks.size())
			return bad("a CPU's current task is not a task");
		for (kernel::TaskId r : c.sched.rq)
			if (r >= m.tasks.size())
				return bad("a run queue holds no task");
	}
	for (const kernel::Task& task : m.tasks)
		if (task.cpu >= m.cpus.size())
			return bad("a task's CPU is not a CPU");
	for (const kernel::ImageSlot& s : m.images) {
		size_t n = s.kind == kernel::ImageSlot::Kind::Program  ? t.code.programs.size()
			   : s.kind == kernel::ImageSlot::Kind::Module ? t.code.modules.size()
								       : 1;
		if (s.index >= n)
			return bad("an image names code its scenario does not build");
	}
	for (const kernel::Module& mod : m.modules)
		if (mod.image >= m.images.size() || mod.code >= t.code.modules.size())
			return bad("a module names no image");
	if (m.panic_cpu >= static_cast<int32_t>(m.cpus.size()))
		return bad("the panic CPU is not a CPU");
	if (m.printk.head > m.printk.log.size())
		return bad("the log's head is past its end");
	// Kernel memory has no MAP_SHARED mappings: a region that names a shmem object is
	// not one kctx wrote (and reading it would need the object table bound).
	for (const vm::Region& r : m.kmem.regions())
		if (r.shmem)
			return bad("kernel memory maps a shared-memory object");
	return {};
}

// Every bytecode frame on a kernel or user stack names a function of a loaded image.
Result<void> check_frames(const Target& t, const std::string& name)
{
	auto frames_ok = [&](const vm::Thread& th) {
		for (const vm::Frame& f : th.frames)
			if (f.image >= t.images.size() || !t.images[f.image].program ||
			    f.func >= t.images[f.image].program->functions.size())
				return false;
		return true;
	};
	for (const kernel::Task& task : t.machine.tasks) {
		for (const kernel::KFrame& k : task.kstack)
			if (const auto* vf = std::get_if<kernel::VmFrame>(&k); vf && !frames_ok(vf->thread))
				return Error{fmt::format("{}: corrupt kctx vmcore: a stack frame names no function", name)};
		if (task.user && !frames_ok(task.user->thread))
			return Error{fmt::format("{}: corrupt kctx vmcore: a stack frame names no function", name)};
	}
	return {};
}

}  // namespace

Result<Target> open_target(DumpImage image, kernel::Config config, kernel::Code code, const std::string& dumpfile)
{
	Target t;
	Result<kernel::Machine> machine = kernel::machine_from_bytes(image.machine);
	if (!machine.ok())
		return Error{fmt::format("{}: corrupt kctx vmcore: its machine does not parse", dumpfile)};
	t.machine = std::move(*machine);
	t.config = config;
	t.code = std::move(code);
	t.dumpfile = dumpfile;
	image.machine.clear();
	t.meta = std::move(image);
	KCTX_TRY_VOID(check_machine(t, dumpfile));
	// Kernel::rebuild_images(): the same table, so addresses resolve as the run saw them.
	t.images = kernel::image_table(t.machine, t.code);
	for (const vm::Image& image : t.images)
		if (!image.program)
			return Error{fmt::format("{}: corrupt kctx vmcore: an image of no known kind", dumpfile)};
	KCTX_TRY_VOID(check_frames(t, dumpfile));
	return t;
}

std::string wall_clock(uint64_t ns, const char* format)
{
	auto when = static_cast<std::time_t>(kBootEpoch + static_cast<int64_t>(ns / 1'000'000'000ull));
	std::tm tm{};
	gmtime_r(&when, &tm);
	char buf[96];
	return std::string(buf, std::strftime(buf, sizeof buf, format, &tm));
}

std::string convert_time(uint64_t jiffies, uint32_t hz)
{
	uint64_t s = hz ? jiffies / hz : 0;
	uint64_t days = s / 86400;
	std::string hms = fmt::format("{:02}:{:02}:{:02}", s % 86400 / 3600, s % 3600 / 60, s % 60);
	return days ? fmt::format("{} days, {}", days, hms) : hms;
}

kernel::TaskId panic_task(const Target& t)
{
	int32_t cpu = t.machine.panic_cpu;
	return t.machine.cpus[cpu >= 0 ? static_cast<size_t>(cpu) : 0].curr;
}

}  // namespace kctx::crash
