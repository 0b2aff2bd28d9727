// Every native's run state, gathered for core/NativeFrame.h's variant. Each subsystem
// defines the run states of the natives it owns in its own RunStates.h.
#pragma once

#include "kernel/fs/RunStates.h"
#include "kernel/irq/RunStates.h"
#include "kernel/locking/RunStates.h"
#include "kernel/mm/RunStates.h"
#include "kernel/module/RunStates.h"
#include "kernel/sched/RunStates.h"
#include "kernel/task/RunStates.h"
#include "kernel/time/RunStates.h"

namespace kctx::kernel::run {

// The variant's terminator, never on a stack: it keeps Natives.def's list of
// alternatives free of a trailing comma.
struct End {
	bool operator==(const End&) const = default;
	void serialize(auto&) {}
};

}  // namespace kctx::kernel::run
