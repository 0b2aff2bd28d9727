#include "ExprGen.h"

namespace kctx::fuzz {

namespace {

// Values at the edges of each integer type, and a few ordinary ones.
constexpr const char* kLiterals[] = {
	"0",   "1",    "2",    "3",          "-1",          "7",           "8",          "31",
	"32",  "63",   "64",   "100",        "255",         "4096",        "0x7fffffff", "(-2147483647 - 1)",
	"0xffffffffUL", "0x7fffffffffffffffL", "(-0x7fffffffffffffffL - 1)", "-4096", "65536", "0x80", "1000", "-2",
};

constexpr const char* kBinary[] = {"+", "-", "*", "&", "|", "^", "==", "!=", "<", "<=", ">", ">=", "&&", "||"};
constexpr const char* kCasts[] = {"(int)", "(unsigned int)", "(short)", "(unsigned char)", "(long)", "(unsigned long)",
				  "(signed char)", "(long long)"};

}  // namespace

std::string ExprGen::literal()
{
	return kLiterals[m_c.below(std::size(kLiterals))];
}

std::string ExprGen::leaf()
{
	if (m_scope.values.empty() || m_c.below(3) == 0)
		return literal();
	return m_scope.values[m_c.below(static_cast<uint32_t>(m_scope.values.size()))];
}

std::string ExprGen::binary(int depth)
{
	std::string a = expr(depth - 1), b = expr(depth - 1);
	switch (m_c.below(8)) {
	case 0:
		// A divisor that is never 0 (nor -1, so no LONG_MIN / -1) unless the input asks.
		if (m_c.one_in(16))
			return "(" + a + " / " + b + ")";
		return "(" + a + " / ((" + b + ") | 2))";
	case 1:
		if (m_c.one_in(16))
			return "(" + a + " % " + b + ")";
		return "(" + a + " % ((" + b + ") | 2))";
	case 2:
		if (m_c.one_in(8))
			return "(" + a + " << " + b + ")";
		return "(" + a + " << ((" + b + ") & 63))";
	case 3:
		if (m_c.one_in(8))
			return "(" + a + " >> " + b + ")";
		return "(" + a + " >> ((" + b + ") & 63))";
	default:
		return "(" + a + " " + kBinary[m_c.below(std::size(kBinary))] + " " + b + ")";
	}
}

std::string ExprGen::expr(int depth)
{
	if (depth <= 0)
		return leaf();
	switch (m_c.below(10)) {
	case 0:
	case 1:
	case 2:
		return leaf();
	case 3:
	case 4:
	case 5:
		return binary(depth);
	case 6: {
		static constexpr const char* kUnary[] = {"-", "~", "!"};
		return std::string("(") + kUnary[m_c.below(3)] + "(" + expr(depth - 1) + "))";
	}
	case 7:
		return std::string("(") + kCasts[m_c.below(std::size(kCasts))] + expr(depth - 1) + ")";
	case 8:
		return "(" + cond() + " ? " + expr(depth - 1) + " : " + expr(depth - 1) + ")";
	default:
		if (m_scope.helpers.empty())
			return leaf();
		return m_scope.helpers[m_c.below(static_cast<uint32_t>(m_scope.helpers.size()))] + "(" + expr(depth - 1) +
		       ", " + expr(depth - 1) + ")";
	}
}

std::string ExprGen::cond()
{
	static constexpr const char* kCompare[] = {"<", ">", "==", "!=", "<=", ">="};
	if (m_c.below(4) == 0)
		return expr(2);
	return expr(1) + " " + kCompare[m_c.below(std::size(kCompare))] + " " + expr(1);
}

}  // namespace kctx::fuzz
