// `kctx stap`: SystemTap scripts on the simulated kernel. -p1 parses and prints the parse
// tree as stap 4.8 does; -p2 resolves the probe points; otherwise the script runs,
// attached to the scenario `--run DIR` boots. See docs/stap.md.
#pragma once

#include "cli/Options.h"

namespace kctx::cli {

// Runs a parsed `kctx stap`; returns the process exit status (stap's: 1 when a pass or the
// run failed; 2 for kctx's own usage errors).
[[nodiscard]] int run_stap_command(const StapOptions& opts);

}  // namespace kctx::cli
