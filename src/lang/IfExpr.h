// The preprocessor's #if expression evaluator (C11 6.10.1): integer constant
// expressions in intmax_t/uintmax_t, with the binary operators grouped by the parser's
// own table (Precedence.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "lang/Token.h"

namespace kctx::lang {

struct IfValue {
	uint64_t v = 0;
	bool is_unsigned = false;
};

// Recursive descent over a #if expression whose `defined` operators and macros are
// already replaced (an identifier left is 0); errors are reported once through `error`
// and return nullopt. `pos` is how far it read: the caller checks for extra tokens.
struct IfExprParser {
	using ErrorFn = std::function<void(SourceLoc, std::string)>;

	ErrorFn error;
	SourceLoc last_loc;   // where an error in an empty expression points
	const TokenList& toks;
	size_t pos;
	bool failed;
	uint32_t depth;

	const Token* cur() const { return pos < toks.size() ? &toks[pos] : nullptr; }
	bool accept(Tok k)
	{
		if (pos < toks.size() && toks[pos].kind == k) {
			pos++;
			return true;
		}
		return false;
	}
	std::optional<IfValue> fail(const std::string& msg);

	std::optional<IfValue> parse_cond();
	std::optional<IfValue> parse_binary(int min_prec);
	std::optional<IfValue> apply(Tok op, IfValue a, IfValue b);
	std::optional<IfValue> parse_unary();
	std::optional<IfValue> parse_number(const Token& t);
};

}  // namespace kctx::lang
