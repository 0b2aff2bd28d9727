// kctx's own invariants over one whole scenario, the property the whole-scenario fuzzer
// (ScenarioFuzzer.cpp) and its regression test (ScenarioRegressions.test.cpp) check:
//   - a generated scenario loads (its sources compile: the grammar writes valid C);
//   - the run ends: by its end time the machine stops, in a bounded number of slices;
//   - the console it streams stays under a bound, the printk ring within log_buf_len,
//     and the console's last timestamp is no later than the summary's simulated time,
//     which is no later than the run's end;
//   - the machine is a value: a copy taken mid-run, and one serialized and read back,
//     equal the original and, run on, print the same bytes and end equal to it.
// What the simulated kernel reports (a BUG, an oops, a panic, the OOM killer) is an
// outcome of the scenario, never a failure here. A broken invariant is returned as a
// message; a crash, a CHECK (kctx's internal error), undefined behaviour, a leak or a
// hang shows up through the sanitizers and libFuzzer's limits.
#pragma once

#include <optional>
#include <string>

#include "gen/ScenarioGen.h"

namespace kctx::fuzz {

// Writes `s` into `dir` (init.sh, fz.c, prog.c), loads it as `kctx run` does, runs it and
// checks the invariants above. nullopt when they hold.
[[nodiscard]] std::optional<std::string> check_scenario(const GeneratedScenario& s, const std::string& dir);

}  // namespace kctx::fuzz
