#include "cli/Scenario.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>

#include "base/HostFile.h"
#include "cli/Kbuild.h"
#include "lang/Compiler.h"

namespace kctx::cli {

namespace fs = std::filesystem;

Result<std::string> read_file(const std::string& path, const std::string& root)
{
	return read_host_source(path, root);
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
				    const std::string& name, const kernel::Config& config, CompilerWarnings& warnings)
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
	diags.set_warning_policy(warnings.policy);
	std::shared_ptr<vm::Program> program = lang::compile(sources, unit.files, opts, diags);
	if (!program)
		return Error{diags.render_all(sources)};
	if (diags.has_warnings())
		warnings.text += diags.render_all(sources);
	if (world == abi::World::User && !program->find_function("main")) {
		DiagnosticSink d;
		d.error(SourceLoc{unit.files.front(), 0, 0}, "program has no 'main' function");
		return Error{d.render_all(sources)};
	}
	return vm::ProgramRef(std::move(program));
}

Result<void> apply_flags(shell::Settings& s, const RunFlags& f)
{
	auto set = [&](std::string_view key, const std::optional<std::string>& value) -> Result<void> {
		if (!value)
			return {};
		auto r = shell::apply_setting(s, key, *value);
		if (!r.ok())
			return Error{fmt::format("kctx: error: --{}: {}", key, r.error().message)};
		return {};
	};
	KCTX_TRY_VOID(set("cpus", f.cpus));
	KCTX_TRY_VOID(set("hz", f.hz));
	KCTX_TRY_VOID(set("seconds", f.seconds));
	KCTX_TRY_VOID(set("seed", f.seed));
	KCTX_TRY_VOID(set("preempt", f.preempt));
	KCTX_TRY_VOID(set("config", f.config));
	KCTX_TRY_VOID(set("mem", f.mem));
	if (f.mem_pressure)
		KCTX_TRY_VOID(set("mem_pressure", "1"));
	return {};
}

// `kctx run DIR/init.sh` runs DIR; anything else must be the directory itself.
Result<std::string> scenario_dir(const std::string& arg)
{
	std::error_code ec;
	if (fs::is_directory(arg, ec))
		return arg;
	if (fs::path(arg).filename() == "init.sh" && fs::exists(arg, ec)) {
		std::string dir = fs::path(arg).parent_path().string();
		return dir.empty() ? std::string(".") : dir;
	}
	if (fs::exists(arg, ec))
		return Error{fmt::format("{}: not a scenario directory: kctx run takes the directory that holds "
					 "init.sh (or init.sh itself)",
					 arg)};
	return Error{fmt::format("{}: no such scenario directory", arg)};
}

// The machine configuration the settings describe, defaults filled in.
kernel::Config machine_config(const shell::Settings& s)
{
	kernel::Config c;
	c.cpus = s.cpus.value_or(4);
	c.hz = s.hz.value_or(250);
	// seconds is at most shell::kMaxSeconds, so the product stays far below 2^64.
	c.end_ns = static_cast<uint64_t>(s.seconds.value_or(10.0) * 1e9);
	c.seed = s.seed.value_or(1);
	std::string preempt = s.preempt.value_or("voluntary");
	c.preempt = preempt == "none"   ? kernel::PreemptModel::None
		    : preempt == "full" ? kernel::PreemptModel::Full
					: kernel::PreemptModel::Voluntary;
	c.profile = s.config.value_or("debug") == "debian" ? kernel::Profile::Debian : kernel::Profile::Debug;
	c.panic_on_warn = s.panic_on_warn.value_or(false);
	c.softlockup_panic = s.softlockup_panic.value_or(false);
	c.mem_pressure = s.mem_pressure.value_or(false);
	c.kasan_multi_shot = s.kasan_multi_shot.value_or(false);
	c.mem_bytes = s.mem.value_or(c.mem_bytes);
	c.pid_max = s.pid_max.value_or(c.pid_max);
	c.threads_max = s.threads_max.value_or(c.threads_max);
	c.log_buf_len = s.log_buf_len.value_or(0);
	return c;
}

// The source paths of the program or module `name` (NAME.c, or what Kbuild links);
// the error says which one is missing, for a message at the script's position.
Result<std::vector<std::string>> unit_sources(const std::string& name, abi::World world, const std::string& dir,
					      const Kbuild* kb)
{
	std::vector<std::string> files{name + ".c"};
	std::string what = world == abi::World::Kernel ? name + ".ko" : "./" + name;
	if (kb) {
		const KbuildModule* km = kb->find(name);
		if (!km) {
			std::string built;
			for (const KbuildModule& m : kb->modules)
				built += fmt::format("{}{}.ko", built.empty() ? "" : ", ", m.name);
			return Error{fmt::format("init.sh names {}, but {}'s obj-m builds {}", what, kb->path, built)};
		}
		files = km->sources;
	}
	std::vector<std::string> paths;
	std::error_code ec;
	for (const std::string& f : files) {
		std::string path = (fs::path(dir) / f).string();
		if (fs::symlink_status(path, ec).type() == fs::file_type::not_found) {
			if (kb && files.size() > 1)
				return Error{fmt::format("{} links {} ({}), but there is no {}", what,
							 f.substr(0, f.size() - 2) + ".o", kb->path, path)};
			return Error{fmt::format("init.sh names {}, but there is no {}", what, path)};
		}
		paths.push_back(std::move(path));
	}
	return paths;
}

// Every program and module the script names has its sources, or each missing one is
// reported where the script first names it, all in one run.
Result<void> check_sources_named(const SourceSet& sources, const shell::InitScript& script, const std::string& dir,
				 const Kbuild* kbuild)
{
	DiagnosticSink diags;
	auto check = [&](const std::vector<std::string>& names, const std::vector<shell::NameUse>& uses,
			 abi::World world) {
		for (size_t i = 0; i < names.size(); i++) {
			Result<std::vector<std::string>> r =
				unit_sources(names[i], world, dir, world == abi::World::Kernel ? kbuild : nullptr);
			if (!r.ok())
				diags.error(uses.at(i).loc, r.error().message, uses.at(i).length);
		}
	};
	check(script.programs, script.program_uses, abi::World::User);
	check(script.modules, script.module_uses, abi::World::Kernel);
	if (diags.has_errors())
		return Error{diags.render_all(sources)};
	return {};
}

// The C that init.sh was compiled to is kctx's, not the user's: should it ever fail to
// compile, say so at the script without quoting generated code.
Result<vm::ProgramRef> compile_generated_init(SourceSet& sources, const std::string& init_path,
					      std::string c_source, const kernel::Config& config)
{
	uint32_t gen = sources.add(fmt::format("{} (pid 1)", init_path), std::move(c_source));
	CompilerWarnings not_the_users{WarningPolicy::Ignore, {}};
	Result<vm::ProgramRef> r =
		compile_unit(sources, UnitBuild{{gen}, "", nullptr}, abi::World::User, "init", config, not_the_users);
	if (r.ok())
		return r;
	std::string first = r.error().message.substr(0, r.error().message.find('\n'));
	size_t at = first.find(": error: ");
	return Error{fmt::format("{}: error: kctx cannot run this script: the program it becomes does not compile ({})",
				 init_path, at == std::string::npos ? first : first.substr(at + 9))};
}

}  // namespace

Result<Scenario> load_scenario(const std::string& arg, const RunFlags& flags)
{
	std::error_code ec;
	std::string dir = KCTX_TRY(scenario_dir(arg));
	std::string init_path = (fs::path(dir) / "init.sh").string();
	if (fs::symlink_status(init_path, ec).type() == fs::file_type::not_found)
		return Error{fmt::format("{}: no init.sh in the scenario directory", dir)};
	std::string text = KCTX_TRY(read_file(init_path, dir));
	SourceSet sources;
	uint32_t init_file = sources.add(init_path, text);
	DiagnosticSink diags;
	std::optional<shell::InitScript> script = shell::compile_init_script(sources, init_file, diags);
	if (!script)
		return Error{diags.render_all(sources)};
	KCTX_TRY_VOID(apply_flags(script->settings, flags));

	Scenario sc;
	sc.warnings.policy = flags.warnings;
	sc.config = machine_config(script->settings);
	if (script->commands == 0)
		sc.warnings.text = fmt::format("{}: warning: the script runs no command: pid 1 has nothing to do, so the "
					  "machine boots and stops at once\n",
					  init_path);
	std::optional<Kbuild> kbuild = KCTX_TRY(read_kbuild(dir, std::string(sc.config.release())));
	KCTX_TRY_VOID(check_sources_named(sources, *script, dir, kbuild ? &*kbuild : nullptr));
	sc.code.init = KCTX_TRY(compile_generated_init(sources, init_path, script->c_source, sc.config));
	// Every unit is compiled, so one run reports the errors of all of them.
	std::string errors;
	auto unit = [&](const std::string& name, abi::World world) -> Result<vm::ProgramRef> {
		const Kbuild* kb = world == abi::World::Kernel && kbuild ? &*kbuild : nullptr;
		UnitBuild ub{{}, dir, kb};
		for (const std::string& path : KCTX_TRY(unit_sources(name, world, dir, kb))) {
			std::string src = KCTX_TRY(read_file(path, dir));
			ub.files.push_back(sources.add(path, std::move(src)));
		}
		// scripts/Makefile.lib: a module's name is its file's with '-' as '_' (hello-1.ko is
		// module hello_1).
		std::string modname = name;
		if (world == abi::World::Kernel)
			std::replace(modname.begin(), modname.end(), '-', '_');
		return compile_unit(sources, ub, world, modname, sc.config, sc.warnings);
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
		collect(compile_unit(sources, UnitBuild{{file}, "", nullptr}, abi::World::User, a.name, sc.config,
				     sc.warnings),
			sc.code.programs);
	}
	for (const std::string& mod : script->modules)
		collect(unit(mod, abi::World::Kernel), sc.code.modules);
	if (!errors.empty())
		return Error{errors};
	for (size_t i = 0; i < sources.size(); i++)
		if (fs::is_regular_file(sources.file(static_cast<uint32_t>(i)).name, ec))
			sc.inputs.push_back(sources.file(static_cast<uint32_t>(i)).name);
	if (kbuild)
		sc.inputs.push_back(kbuild->path);
	return sc;
}

}  // namespace kctx::cli
