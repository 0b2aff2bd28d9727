// The explorer: a search over the choices of a booted Machine (kernel/core/Choice.h),
// breadth-first for the shortest counterexample or depth-first, with the states stored
// exactly or as 64-bit hashes, within bounds the user sets.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kernel/core/Choice.h"
#include "kernel/core/Kernel.h"

namespace kctx::check {

enum class Search : uint8_t { Bfs, Dfs };
enum class HashMode : uint8_t {
	Exact,     // every stored state's abstraction, byte for byte: no state is ever lost
	Compact,   // a 64-bit hash of it (Spin's hash compaction): 8 bytes a state, rare losses
};

struct Bounds {
	uint32_t max_irqs = 2;            // timer interrupts (ticks and expiries) per CPU
	uint32_t depth = 10'000;          // steps from boot
	uint64_t max_states = 1'000'000;  // stored states (a limit: exit 3)
	double time_limit_s = 0;          // 0: none (a limit: exit 3)
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
	uint64_t store_bytes = 0;   // what the visited set holds (hashes or abstractions)
	bool depth_bound_hit = false;
	bool irq_bound_hit = false;
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
