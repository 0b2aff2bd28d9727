// The scheduler's natives: the idle loop, schedule(), wait_for_completion().
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel::run {

struct Idle {
	bool operator==(const Idle&) const = default;
	void serialize(auto&) {}
};

struct Schedule {
	bool operator==(const Schedule&) const = default;
	void serialize(auto&) {}
};

struct Completion {
	bool operator==(const Completion&) const = default;
	void serialize(auto&) {}
};

}  // namespace kctx::kernel::run
