#pragma once
// stap's preprocessor, run over the whole token list before parsing:
// conditionals `%( COND %? THEN %: ELSE %)`, `@define` macros, and the
// command-line arguments `$N` (raw tokens), `@N` (a string), `$#` and `@#`.

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "probe/Errors.h"
#include "probe/Token.h"

namespace kctx::probe {

// What the conditionals can test. The defaults describe kctx's simulated machine.
struct TargetFacts {
	std::string kernel_v = "6.1.0";
	std::string kernel_vr = "6.1.0-sim";
	std::string arch = "x86_64";
	std::string runtime = "kernel";
	std::string systemtap_v = "4.8";
	std::string privilege = "stapdev";
	bool guru_mode = false;
	std::map<std::string, std::string> config;  // CONFIG_X -> "y", "m", "250" ...
};

// Texts the preprocessor lexes while it runs (arguments, built-in macros); tokens
// point into them, so they must outlive the tokens.
using SourceStore = std::deque<Source>;

[[nodiscard]] Tokens preprocess(const Tokens& raw, const std::vector<std::string>& args, const TargetFacts& facts,
				SourceStore& store, ScriptErrors& errors);

}  // namespace kctx::probe
