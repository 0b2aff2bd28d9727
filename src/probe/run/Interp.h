#pragma once
// The interpreter of probe handlers and functions: a tree walk over the parse tree with
// stap's semantics (64-bit integers that wrap, strings clipped at MAXSTRINGLEN, arrays
// bounded by MAXMAPENTRIES, MAXACTION statements per hit, MAXNESTING calls deep).
// docs/stap.md says why a tree walk rather than kctx's bytecode.

#include "probe/run/Context.h"
#include "probe/run/Resolve.h"

namespace kctx::probe {

class Session;

// Runs the handler of `site` for one event; a runtime error is reported to the session.
void run_handler(Session& session, const ProbeSite& site, const ProbeContext& ctx);

}  // namespace kctx::probe
