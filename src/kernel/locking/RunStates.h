// Sleeping and spinning lock slow paths.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel::run {

struct Spin {
	bool operator==(const Spin&) const = default;
	void serialize(auto&) {}
};

struct MutexLock {
	bool operator==(const MutexLock&) const = default;
	void serialize(auto&) {}
};

struct SemDown {
	bool operator==(const SemDown&) const = default;
	void serialize(auto&) {}
};

}  // namespace kctx::kernel::run
