#include "cli/Scenario.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "cli/Kbuild.h"
#include "lang/Compiler.h"

namespace kctx::cli {

namespace fs = std::filesystem;

Result<std::string> read_file(const std::string& path)
{
	std::error_code ec;
	if (fs::is_directory(path, ec))
		return Error{fmt::format("{}: is a directory", path)};
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return Error{fmt::format("{}: cannot open: {}", path, std::strerror(errno))};
	std::ostringstream ss;
	ss << in.rdbuf();
	return ss.str();
}

namespace {

// How a unit is built: its sources (several for a composite module), where #include may
// read files, and the Kbuild flags.
struct UnitBuild {
	std::vector<uint32_t> files;
	std::string root;
	const Kbuild* kbuild = nullptr;
};

Result<vm::ProgramRef> compile_unit(SourceSet& sources, const UnitBuild& unit, abi::World world,
				    const std::string& name, const kernel::Config& config)
{
	lang::CompileOptions opts;
	opts.world = world;
	opts.program_name = name;
	opts.root = unit.root;
	opts.defines.push_back({"HZ", std::to_string(config.hz)});
	if (world == abi::World::Kernel) {
		opts.defines.push_back({"KBUILD_MODNAME", "\"" + name + "\""});
		// <generated/utsrelease.h>
		opts.defines.push_back({"UTS_RELEASE", fmt::format("\"{}\"", config.release())});
		opts.defines.push_back({"MODULE", "1"});
		opts.defines.push_back({"CONFIG_SMP", "1"});
		opts.defines.push_back({"CONFIG_X86_64", "1"});
		opts.defines.push_back({"CONFIG_HZ", std::to_string(config.hz)});
		opts.defines.push_back({"CONFIG_PREEMPT_COUNT", "1"});
		if (config.preempt == kernel::PreemptModel::Full)
			opts.defines.push_back({"CONFIG_PREEMPTION", "1"});
		if (config.debug_atomic_sleep())
			opts.defines.push_back({"CONFIG_DEBUG_ATOMIC_SLEEP", "1"});
		if (config.prove_locking()) {
			opts.defines.push_back({"CONFIG_PROVE_LOCKING", "1"});
			opts.defines.push_back({"CONFIG_LOCKDEP", "1"});
		}
		if (config.debug_preempt())
			opts.defines.push_back({"CONFIG_DEBUG_PREEMPT", "1"});
	}
	if (world == abi::World::Kernel && unit.kbuild) {
		opts.include_dirs = unit.kbuild->include_dirs;
		opts.defines.insert(opts.defines.end(), unit.kbuild->defines.begin(), unit.kbuild->defines.end());
	}
	DiagnosticSink diags;
	std::shared_ptr<vm::Program> program = lang::compile(sources, unit.files, opts, diags);
	if (!program)
		return Error{diags.render_all(sources)};
	if (world == abi::World::User && !program->find_function("main")) {
		DiagnosticSink d;
		d.error(SourceLoc{unit.files.front(), 0, 0}, "program has no 'main' function");
		return Error{d.render_all(sources)};
	}
	return vm::ProgramRef(std::move(program));
}

Result<void> apply_flags(shell::Settings& s, const RunFlags& f)
{
	auto set = [&](std::string_view key, std::string value) -> Result<void> {
		auto r = shell::apply_setting(s, key, value);
		if (!r.ok())
			return Error{fmt::format("--{}: {}", key, r.error().message)};
		return {};
	};
	if (f.cpus)
		KCTX_TRY_VOID(set("cpus", std::to_string(*f.cpus)));
	if (f.hz)
		KCTX_TRY_VOID(set("hz", std::to_string(*f.hz)));
	if (f.seconds)
		KCTX_TRY_VOID(set("seconds", fmt::format("{}", *f.seconds)));
	if (f.seed)
		KCTX_TRY_VOID(set("seed", std::to_string(*f.seed)));
	if (f.preempt)
		KCTX_TRY_VOID(set("preempt", *f.preempt));
	if (f.config)
		KCTX_TRY_VOID(set("config", *f.config));
	if (f.mem_pressure)
		KCTX_TRY_VOID(set("mem_pressure", "1"));
	return {};
}

}  // namespace

Result<Scenario> load_scenario(const std::string& dir, const RunFlags& flags)
{
	std::error_code ec;
	if (!fs::is_directory(dir, ec))
		return Error{fmt::format("{}: no such scenario directory", dir)};
	std::string init_path = (fs::path(dir) / "init.sh").string();
	if (!fs::exists(init_path, ec))
		return Error{fmt::format("{}: no init.sh in the scenario directory", dir)};
	std::string text = KCTX_TRY(read_file(init_path));
	SourceSet sources;
	uint32_t init_file = sources.add(init_path, text);
	DiagnosticSink diags;
	std::optional<shell::InitScript> script = shell::compile_init_script(sources, init_file, diags);
	if (!script)
		return Error{diags.render_all(sources)};
	KCTX_TRY_VOID(apply_flags(script->settings, flags));

	Scenario sc;
	const shell::Settings& s = script->settings;
	sc.config.cpus = s.cpus.value_or(4);
	sc.config.hz = s.hz.value_or(250);
	sc.config.end_ns = static_cast<uint64_t>(s.seconds.value_or(10.0) * 1e9);
	sc.config.seed = s.seed.value_or(1);
	std::string preempt = s.preempt.value_or("voluntary");
	sc.config.preempt = preempt == "none" ? kernel::PreemptModel::None
			    : preempt == "full" ? kernel::PreemptModel::Full : kernel::PreemptModel::Voluntary;
	sc.config.profile = s.config.value_or("debug") == "debian" ? kernel::Profile::Debian : kernel::Profile::Debug;
	sc.config.panic_on_warn = s.panic_on_warn.value_or(false);
	sc.config.softlockup_panic = s.softlockup_panic.value_or(false);
	sc.config.mem_pressure = s.mem_pressure.value_or(false);
	sc.config.kasan_multi_shot = s.kasan_multi_shot.value_or(false);
	sc.config.pid_max = s.pid_max.value_or(sc.config.pid_max);
	sc.config.threads_max = s.threads_max.value_or(sc.config.threads_max);
	sc.config.log_buf_len = s.log_buf_len.value_or(0);

	uint32_t gen = sources.add(fmt::format("{} (pid 1)", init_path), script->c_source);
	sc.code.init = KCTX_TRY(compile_unit(sources, UnitBuild{{gen}, "", nullptr}, abi::World::User, "init", sc.config));
	std::optional<Kbuild> kbuild = KCTX_TRY(read_kbuild(dir, std::string(sc.config.release())));
	// Every unit is compiled, so one run reports the errors of all of them.
	std::string errors;
	auto unit = [&](const std::string& name, abi::World world) -> Result<vm::ProgramRef> {
		std::vector<std::string> files{name + ".c"};
		// scripts/Makefile.lib: a module's name is its file's with '-' as '_' (hello-1.ko is
		// module hello_1).
		std::string modname = name;
		const Kbuild* kb = world == abi::World::Kernel && kbuild ? &*kbuild : nullptr;
		if (kb) {
			const KbuildModule* km = kb->find(name);
			if (!km) {
				std::string built;
				for (const KbuildModule& m : kb->modules)
					built += fmt::format("{}{}.ko", built.empty() ? "" : ", ", m.name);
				return Error{fmt::format("{}: init.sh names {}.ko, but {}'s obj-m builds {}", init_path, name,
							 kb->path, built)};
			}
			files = km->sources;
		}
		if (world == abi::World::Kernel)
			std::replace(modname.begin(), modname.end(), '-', '_');
		UnitBuild ub{{}, dir, kb};
		for (const std::string& f : files) {
			std::string path = (fs::path(dir) / f).string();
			if (!fs::exists(path, ec)) {
				std::string what = world == abi::World::Kernel ? name + ".ko" : "./" + name;
				if (kb && files.size() > 1)
					return Error{fmt::format("{}: {} links {}, but there is no {}", kb->path, what,
								 f.substr(0, f.size() - 2) + ".o", path)};
				return Error{fmt::format("{}: init.sh names {}, but there is no {}", init_path, what, path)};
			}
			std::string src = KCTX_TRY(read_file(path));
			ub.files.push_back(sources.add(path, std::move(src)));
		}
		return compile_unit(sources, ub, world, modname, sc.config);
	};
	auto collect = [&](Result<vm::ProgramRef> r, std::vector<vm::ProgramRef>& into) {
		if (r.ok()) {
			into.push_back(std::move(r.value()));
			return;
		}
		into.push_back(nullptr);
		if (!errors.empty() && errors.back() != '\n')
			errors += '\n';
		errors += r.error().message;
	};
	for (const std::string& p : script->programs)
		collect(unit(p, abi::World::User), sc.code.programs);
	// busybox applets the script runs (dd, lsmod): C the shell layer wrote, numbered
	// after the scenario's programs.
	for (const shell::InitScript::Applet& a : script->applets) {
		uint32_t file = sources.add(fmt::format("<busybox {}>", a.name), a.c_source);
		collect(compile_unit(sources, UnitBuild{{file}, "", nullptr}, abi::World::User, a.name, sc.config),
			sc.code.programs);
	}
	for (const std::string& mod : script->modules)
		collect(unit(mod, abi::World::Kernel), sc.code.modules);
	if (!errors.empty())
		return Error{errors};
	return sc;
}

}  // namespace kctx::cli
