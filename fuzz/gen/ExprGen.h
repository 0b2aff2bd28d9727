// Integer expressions of kernel C, for both worlds: literals chosen among the values
// that find overflow and conversion bugs, the variables in scope, every arithmetic,
// bitwise, comparison and logical operator, casts, the conditional operator and calls
// of the helpers defined so far. Division and shifts are mostly guarded (a divisor made
// odd, a count masked to 0..63); now and then they are not, since a division by zero
// or INT_MIN / -1 is a legitimate trap the machine must report, and a shift by 64 a
// value it must compute without undefined behaviour on the host.
#pragma once

#include <string>
#include <vector>

#include "Choices.h"

namespace kctx::fuzz {

struct ExprScope {
	std::vector<std::string> values;    // readable long-valued lvalues or rvalues
	std::vector<std::string> helpers;   // long NAME(long, long), callable here
};

class ExprGen {
public:
	ExprGen(Choices& c, const ExprScope& scope) : m_c(c), m_scope(scope) {}
	[[nodiscard]] std::string expr(int depth = 3);
	[[nodiscard]] std::string literal();
	// A condition: a comparison or an expression, as `if` and loops take it.
	[[nodiscard]] std::string cond();

private:
	[[nodiscard]] std::string leaf();
	[[nodiscard]] std::string binary(int depth);

	Choices& m_c;
	const ExprScope& m_scope;
};

}  // namespace kctx::fuzz
