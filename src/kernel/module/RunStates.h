// Module loading and unloading: the init and exit calls.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel::run {

// do_one_initcall(mod->init) (init/main.c) in insmod's process, from do_init_module().
struct ModuleInit {
	enum class Resume : uint8_t {
		Start,      // call the module's init (none: succeed at once)
		Returned,   // init returned `ret`: the module goes live, or away
	};
	Resume resume = Resume::Start;
	uint32_t module = 0;    // index in Machine::modules
	uint64_t init_fn = 0;   // the module's init function, or 0
	bool operator==(const ModuleInit&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, module, init_fn); }
};

// __do_sys_delete_module() (kernel/module/main.c): mod->exit(), then free the module.
struct ModuleExit {
	enum class Resume : uint8_t {
		Start,      // call the module's exit
		Returned,   // exit returned: the module is gone
	};
	Resume resume = Resume::Start;
	uint32_t module = 0;    // index in Machine::modules
	uint64_t exit_fn = 0;
	bool operator==(const ModuleExit&) const = default;
	template <typename Ar> void serialize(Ar& ar) { ar(resume, module, exit_fn); }
};

}  // namespace kctx::kernel::run
