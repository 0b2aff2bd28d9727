// For kernel tests: compile a user program, run it as init (pid 1) on a small machine and
// hand back what the console printed. Test-only (it uses the lang layer).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "base/Diagnostic.h"
#include "kernel/core/Kernel.h"
#include "lang/Compiler.h"

namespace kctx::kernel::testing {

struct UserRun {
	std::string console;
	int32_t status = 0;   // init's exit status (a wait status word)
	bool halted = false;
	Findings findings;
};

// Compiles NAME.c, a module (with KBUILD_MODNAME, as Kbuild passes it) or a user
// program; a compile error fails the calling test.
inline vm::ProgramRef compile_unit(const std::string& name, const std::string& source, abi::World world)
{
	SourceSet sources;
	DiagnosticSink diags;
	uint32_t id = sources.add(name + ".c", source);
	lang::CompileOptions opt;
	opt.world = world;
	opt.program_name = name;
	if (world == abi::World::Kernel)
		opt.defines.push_back({"KBUILD_MODNAME", "\"" + name + "\""});
	vm::ProgramRef p = lang::compile(sources, id, opt, diags);
	EXPECT_TRUE(p) << diags.render_all(sources);
	return p;
}

// Compiles `source` as init's program.
inline Code compile_init(const std::string& source)
{
	Code code;
	code.init = compile_unit("init", source, abi::World::User);
	return code;
}

// A machine that ran `init_source` as init for a second of simulated time on two CPUs,
// with one module, "m", that init may load (__kctx_insmod(0, "")).
struct ModuleRun {
	Machine m;
	std::string console;
	[[nodiscard]] bool has(const std::string& s) const { return console.find(s) != std::string::npos; }
};

inline ModuleRun run_with_module(const std::string& init_source, const std::string& module_source, Config config = {})
{
	Code code;
	code.init = compile_unit("init", init_source, abi::World::User);
	code.modules.push_back(compile_unit("m", module_source, abi::World::Kernel));
	config.cpus = 2;
	config.end_ns = 1'000'000'000ull;
	ModuleRun r;
	if (!code.init || !code.modules.back())
		return r;
	Kernel k(config, code, r.m);
	k.boot();
	k.run_until(config.end_ns);
	r.console = k.take_console();
	return r;
}

// How many times `what` occurs in `s`.
inline size_t count(const std::string& s, const std::string& what)
{
	size_t n = 0;
	for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1))
		n++;
	return n;
}

inline UserRun run_user_program(const std::string& source, uint64_t seconds = 5, uint32_t cpus = 2)
{
	Code code = compile_init(source);
	UserRun r;
	if (!code.init)
		return r;
	Config config;
	config.cpus = cpus;
	config.end_ns = seconds * 1'000'000'000ull;
	Machine m;
	Kernel k(config, code, m);
	k.boot();
	k.run_until(config.end_ns);
	r.console = k.take_console();
	r.status = m.init_exit_status;
	r.halted = m.halted;
	r.findings = m.findings;
	return r;
}

// The includes every test program starts with.
inline constexpr const char* kUserPrologue = R"(
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>
)";

}  // namespace kctx::kernel::testing
