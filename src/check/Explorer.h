// The explorer: a search over the choices of a booted Machine (kernel/core/Choice.h),
// breadth-first for the shortest counterexample, depth-first, or iterative deepening
// (depth-first passes with a growing depth bound: the shortest counterexample in a
// depth-first search's memory), with the states stored exactly, as 64-bit hashes or as
// bits (check/Store.h), a partial-order reduction (docs/check.md), within bounds the
// user sets.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "check/Store.h"
#include "kernel/core/Choice.h"
#include "kernel/core/Kernel.h"

namespace kctx::check {

enum class Search : uint8_t { Bfs, Dfs, Iterative };

struct Bounds {
	uint32_t max_irqs = 2;            // timer interrupts (ticks and expiries) per CPU
	uint32_t depth = 10'000;          // steps from boot
	uint64_t max_states = 1'000'000;  // stored states (a limit: exit 3)
	double time_limit_s = 0;          // 0: none (a limit: exit 3)
	// CHESS's preemption bound: at most this many switches away from a CPU that could
	// have gone on (not spinning, not idle); -1: none.
	int32_t preemption_bound = -1;
};

// Why the search stopped. One table: what each means.
enum class Outcome : uint8_t {
	Clean,       // every state within the bounds explored: no violation
	Violation,   // a counterexample (Result::trace)
	Limit,       // --max-states or --time-limit reached first
};

// What is wrong in the last state of a counterexample.
enum class ViolationKind : uint8_t {
	Report,     // the kernel printed a BUG, WARNING, Oops, lockdep or KASAN report, or panicked
	Deadlock,   // CPUs spin forever in a cycle of held locks, or every task is blocked for good
	Livelock,   // a CPU spins forever on a lock whose holder can never run again
};

struct TraceStep {
	kernel::Choice choice;
	kernel::StepNote note;
};

struct Figures {
	uint64_t states = 0;        // stored
	uint64_t transitions = 0;
	uint32_t max_depth = 0;
	double seconds = 0;
	uint64_t store_bytes = 0;   // what the visited set and the path tree hold
	uint64_t fused = 0;         // steps taken inside a reduced transition (not stored)
	uint64_t undone = 0;        // continuations taken back: they took a spinlock (docs/check.md)
	uint32_t iterations = 0;    // iterative deepening's passes
	bool depth_bound_hit = false;
	bool irq_bound_hit = false;
	bool preemption_bound_hit = false;
	bool por = false;           // the partial-order reduction was applied
	std::string por_off;        // why it was not, when asked for
};

struct CheckResult {
	Outcome outcome = Outcome::Clean;
	ViolationKind kind = ViolationKind::Report;
	std::string message;             // the violation in one paragraph (deadlock: locks, holders)
	std::vector<TraceStep> trace;    // from boot to the violation
	Figures figures;
	std::string limit;               // which limit stopped the search
};

struct Options {
	Search search = Search::Bfs;
	HashMode hash = HashMode::Exact;
	uint32_t bitstate_log2 = 27;   // --hash bitstate: 2^w bits (Spin's -w; 27 is 16 MiB)
	bool por = true;               // the partial-order reduction (--no-por turns it off)
	Bounds bounds;
	// Called now and then with the figures so far and the queue's length (a progress line).
	std::function<void(const Figures&, uint64_t queued)> progress;
};

// Explores from `initial` (a booted Machine, boot() done).
[[nodiscard]] CheckResult explore(const kernel::Config& config, const kernel::Code& code, const kernel::Machine& initial,
			     const Options& options);

// The Machine after taking `choices` from `initial` in explore mode (replay), with the
// notes of each step. False if a choice is not enabled where it is taken.
[[nodiscard]] bool replay(const kernel::Config& config, const kernel::Code& code, kernel::Machine& m,
			  const std::vector<kernel::Choice>& choices, std::vector<kernel::StepNote>* notes = nullptr,
			  std::string* console = nullptr);

}  // namespace kctx::check
