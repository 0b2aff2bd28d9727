#include "cli/Vmcore.h"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

#include "kernel/core/MachineBytes.h"

namespace kctx::cli {

namespace fs = std::filesystem;

namespace {

// RunFlags as (name, value) pairs, the names of `kctx run`'s options.
std::vector<std::pair<std::string, std::string>> flag_pairs(const RunFlags& f)
{
	std::vector<std::pair<std::string, std::string>> out;
	auto add = [&](const char* name, const std::optional<std::string>& v) {
		if (v)
			out.emplace_back(name, *v);
	};
	add("cpus", f.cpus);
	add("hz", f.hz);
	add("seconds", f.seconds);
	add("seed", f.seed);
	add("preempt", f.preempt);
	add("config", f.config);
	add("mem", f.mem);
	if (f.mem_pressure)
		out.emplace_back("mem-pressure", "1");
	return out;
}

Result<RunFlags> run_flags(const std::vector<std::pair<std::string, std::string>>& pairs, const std::string& name)
{
	RunFlags f;
	f.warnings = WarningPolicy::Ignore;
	for (const auto& [k, v] : pairs) {
		std::optional<std::string>* slot = k == "cpus"      ? &f.cpus
						   : k == "hz"      ? &f.hz
						   : k == "seconds" ? &f.seconds
						   : k == "seed"    ? &f.seed
						   : k == "preempt" ? &f.preempt
						   : k == "config"  ? &f.config
						   : k == "mem"     ? &f.mem
								    : nullptr;
		if (slot)
			*slot = v;
		else if (k == "mem-pressure")
			f.mem_pressure = true;
		else
			return Error{fmt::format("{}: corrupt kctx vmcore: an unknown run flag '{}'", name, k)};
	}
	return f;
}

// A path a dump may name: relative, below the scenario directory.
bool safe_relative(const std::string& p)
{
	if (p.empty() || p.size() > 4096 || p.find('\0') != std::string::npos)
		return false;
	fs::path path(p);
	if (path.is_absolute())
		return false;
	for (const fs::path& part : path)
		if (part == ".." || part == ".")
			return false;
	return true;
}

// A directory removed when it goes out of scope.
struct TempDir {
	std::string path;
	~TempDir()
	{
		std::error_code ec;
		if (!path.empty())
			fs::remove_all(path, ec);
	}
};

}  // namespace

Result<crash::DumpImage> make_dump_image(const Scenario& sc, const RunFlags& flags, const kernel::Machine& machine,
					 crash::DumpReason reason, uint64_t now_ns, std::string kctx_version)
{
	crash::DumpImage img;
	img.kctx_version = std::move(kctx_version);
	img.release = std::string(sc.config.release());
	img.flags = flag_pairs(flags);
	img.reason = reason;
	img.taken_ns = now_ns;
	// inputs[0] is the scenario's init.sh: every other input is below its directory.
	fs::path dir = fs::path(sc.inputs.at(0)).parent_path();
	img.scenario = fs::absolute(dir).lexically_normal().filename().string();
	if (img.scenario.empty())
		img.scenario = "scenario";
	for (const std::string& input : sc.inputs) {
		std::string rel = fs::path(input).lexically_relative(dir).string();
		if (!safe_relative(rel))
			return Error{fmt::format("{}: outside the scenario directory: kctx cannot put it in the vmcore", input)};
		Result<std::string> text = read_file(input, dir.string());
		if (!text.ok())
			return text.take_error();
		img.sources.push_back({rel, std::move(*text)});
	}
	img.machine = kernel::machine_to_bytes(machine);
	return img;
}

Result<ResumePoint> load_resume_point(const std::string& path, const std::string& dir)
{
	crash::DumpImage img = KCTX_TRY(crash::read_dump_file(path));
	ResumePoint point;
	point.flags = KCTX_TRY(run_flags(img.flags, path));
	point.flags.warnings = WarningPolicy::Report;
	point.taken_ns = img.taken_ns;
	// The code is not in the dump's machine: the scenario must be the one it was taken of.
	for (const crash::DumpSource& src : img.sources) {
		if (!safe_relative(src.path))
			return Error{fmt::format("{}: corrupt kctx vmcore: a source path '{}' outside its scenario", path, src.path)};
		Result<std::string> now = read_file((fs::path(dir) / src.path).string(), dir);
		if (!now.ok() || *now != src.text)
			return Error{fmt::format("{}: the dump was taken of another {}: {} is not what it was", path, dir, src.path)};
	}
	Result<kernel::Machine> machine = kernel::machine_from_bytes(img.machine);
	if (!machine.ok())
		return Error{fmt::format("{}: corrupt kctx vmcore: its machine does not parse", path)};
	point.machine = std::move(*machine);
	return point;
}

Result<void> check_resume_point(const ResumePoint& point, const Scenario& sc, const std::string& path)
{
	crash::DumpImage img;
	img.machine = kernel::machine_to_bytes(point.machine);
	img.taken_ns = point.taken_ns;
	kernel::Code code = sc.code;
	Result<crash::Target> target = crash::open_target(std::move(img), sc.config, std::move(code), path);
	if (!target.ok())
		return target.take_error();
	return {};
}

Result<crash::Target> load_target(const std::string& path)
{
	crash::DumpImage img = KCTX_TRY(crash::read_dump_file(path));
	RunFlags flags = KCTX_TRY(run_flags(img.flags, path));
	flags.keep_types = true;
	if (!safe_relative(img.scenario) || img.scenario.find('/') != std::string::npos)
		return Error{fmt::format("{}: corrupt kctx vmcore: a bad scenario name", path)};
	const char* tmp = std::getenv("TMPDIR");
	std::string templ = fmt::format("{}/kctx-crash-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	TempDir dir;
	if (!::mkdtemp(templ.data()))
		return Error{fmt::format("{}: cannot make a temporary directory to compile the dump's sources", templ)};
	dir.path = templ;
	fs::path root = fs::path(dir.path) / img.scenario;
	for (const crash::DumpSource& src : img.sources) {
		if (!safe_relative(src.path))
			return Error{fmt::format("{}: corrupt kctx vmcore: a source path '{}' outside its scenario", path, src.path)};
		fs::path file = root / src.path;
		std::error_code ec;
		fs::create_directories(file.parent_path(), ec);
		std::ofstream out(file, std::ios::binary);
		out.write(src.text.data(), static_cast<std::streamsize>(src.text.size()));
		if (!out)
			return Error{fmt::format("{}: cannot write {} to compile the dump's sources", path, file.string())};
	}
	Result<Scenario> sc = load_scenario(root.string(), flags);
	if (!sc.ok())
		return Error{fmt::format("{}: the dump's scenario does not compile again:\n{}", path, sc.error().message)};
	if (std::string(sc->config.release()) != img.release)
		return Error{fmt::format("{}: corrupt kctx vmcore: kernel {} but its flags make {}", path, img.release,
					 sc->config.release())};
	crash::Target target = KCTX_TRY(crash::open_target(std::move(img), sc->config, std::move(sc->code), path));
	target.module_units = std::move(sc->module_units);
	return target;
}

}  // namespace kctx::cli
