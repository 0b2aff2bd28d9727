#pragma once
// Pass 1 of a stap session: lex, preprocess, parse; the result as `stap -p1`
// prints it (stdout) or its parse errors (stderr).

#include <memory>
#include <string>
#include <vector>

#include "probe/Ast.h"
#include "probe/Preprocessor.h"

namespace kctx::probe {

struct ScriptInput {
	std::string name;  // the file name as given, or "<input>" for -e
	std::string text;
	std::vector<std::string> args;  // $1, $2 ... / @1, @2 ...
	TargetFacts facts;
};

struct Pass1 {
	bool ok = false;
	Script script;
	std::string out;  // the parse tree dump when ok
	std::string err;  // stap's messages otherwise
	// Texts the tokens of `script` point into.
	std::unique_ptr<Source> source;
	std::unique_ptr<SourceStore> store;
};

[[nodiscard]] Pass1 run_pass1(const ScriptInput& input);

}  // namespace kctx::probe
