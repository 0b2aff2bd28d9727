#include "probe/FrontEnd.h"

#include "probe/Lexer.h"
#include "probe/Parser.h"
#include "probe/Printer.h"

namespace kctx::probe {

namespace {

constexpr const char* kPass1Failed = "Pass 1: parse failed.  [man error::pass1]\n";

}  // namespace

Pass1 run_pass1(const ScriptInput& input)
{
	Pass1 result;
	result.source = std::make_unique<Source>(Source{input.name, input.text});
	result.store = std::make_unique<SourceStore>();
	Tokens raw = lex(*result.source);
	if (raw.size() == 1) {
		result.err = "Input file '" + input.name + "' is empty.\n" + kPass1Failed;
		return result;
	}
	ScriptErrors errors;
	Tokens tokens = preprocess(raw, input.args, input.facts, *result.store, errors);
	if (tokens.size() == 1) {
		// stap prints the preprocessor's complaints but no count in this case.
		std::string rendered;
		for (const ScriptError& e : errors)
			rendered += render_error(e);
		result.err = rendered + "Input file '" + input.name + "' is empty after preprocessing.\n" + kPass1Failed;
		return result;
	}
	result.script = parse(tokens, input.name, errors);
	if (!errors.empty()) {
		result.err = render_errors(errors, kPass1Failed);
		return result;
	}
	result.ok = true;
	result.out = print_parse_tree(result.script);
	return result;
}

}  // namespace kctx::probe
