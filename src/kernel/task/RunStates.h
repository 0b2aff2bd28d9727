// Tasks: fork's return, kthreads and workers, syscalls, exit and wait, signal stops, the shell's applets.
// Run states (core/NativeFrame.h): a native's resume point and locals, as plain data.
#pragma once

#include <cstdint>

namespace kctx::kernel::run {

struct RetFromFork {
	bool operator==(const RetFromFork&) const = default;
	void serialize(auto&) {}
};

struct Kthread {
	bool operator==(const Kthread&) const = default;
	void serialize(auto&) {}
};

struct Syscall {
	bool operator==(const Syscall&) const = default;
	void serialize(auto&) {}
};

struct WaitChild {
	bool operator==(const WaitChild&) const = default;
	void serialize(auto&) {}
};

struct Exit {
	bool operator==(const Exit&) const = default;
	void serialize(auto&) {}
};

struct Worker {
	bool operator==(const Worker&) const = default;
	void serialize(auto&) {}
};

struct Stopper {
	bool operator==(const Stopper&) const = default;
	void serialize(auto&) {}
};

struct KthreadStop {
	bool operator==(const KthreadStop&) const = default;
	void serialize(auto&) {}
};

struct Applet {
	bool operator==(const Applet&) const = default;
	void serialize(auto&) {}
};

struct SignalStop {
	bool operator==(const SignalStop&) const = default;
	void serialize(auto&) {}
};

}  // namespace kctx::kernel::run
