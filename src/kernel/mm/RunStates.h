// Memory: the page-fault path of a user copy.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel::run {

struct FaultIn {
	bool operator==(const FaultIn&) const = default;
	void serialize(auto&) {}
};

}  // namespace kctx::kernel::run
