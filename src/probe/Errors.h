#pragma once
// Parse errors of the stap front end, printed the way stap 4.8 prints them:
//   parse error: MESSAGE
//           saw: identifier 'y' at f.stp:2:30
//        source: <the line>
//                <caret under the column>

#include <string>
#include <vector>

#include "probe/Token.h"

namespace kctx::probe {

// stap says "saw:" for the token the parser stopped at, "at:" for the token a
// preprocessor or probe-point check blames.
enum class Blame { Saw, At };

struct ScriptError {
	std::string message;
	Token token;
	Blame blame = Blame::Saw;
	// stap prints every preprocessor complaint; only the parser's repeats are dropped.
	bool always_shown = false;
};

using ScriptErrors = std::vector<ScriptError>;

// How stap describes a token: "identifier 'x'", "keyword", "f.stp EOF" ...
[[nodiscard]] std::string describe_token(const Token& tok);

// Every error, the "N parse error(s)." line, `pass_line` (stap's "Pass 1: parse
// failed" line comes here), then how many repeats of an identical message were dropped.
[[nodiscard]] std::string render_errors(const ScriptErrors& errors, const std::string& pass_line);

[[nodiscard]] std::string render_error(const ScriptError& error);

}  // namespace kctx::probe
