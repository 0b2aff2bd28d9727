// Module loading and unloading: the init and exit calls.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel::run {

struct ModuleInit {
	bool operator==(const ModuleInit&) const = default;
	void serialize(auto&) {}
};

struct ModuleExit {
	bool operator==(const ModuleExit&) const = default;
	void serialize(auto&) {}
};

}  // namespace kctx::kernel::run
