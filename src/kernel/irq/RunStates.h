// Interrupt entry and the softirq and tasklet loops.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel::run {

struct Interrupt {
	bool operator==(const Interrupt&) const = default;
	void serialize(auto&) {}
};

struct Softirqs {
	bool operator==(const Softirqs&) const = default;
	void serialize(auto&) {}
};

struct Tasklets {
	bool operator==(const Tasklets&) const = default;
	void serialize(auto&) {}
};

}  // namespace kctx::kernel::run
