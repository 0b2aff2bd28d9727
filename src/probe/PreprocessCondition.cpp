#include "probe/PreprocessCondition.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fnmatch.h>
#include <string.h>

namespace kctx::probe {

namespace {

constexpr const char* kBadStart =
	"expected 'arch', 'kernel_v', 'kernel_vr', 'systemtap_v',\n"
	"             'runtime', 'systemtap_privilege', 'CONFIG_...', or\n"
	"             comparison between strings or integers";

bool is_comparison(const Token& t)
{
	if (t.kind != TokKind::Operator)
		return false;
	return t.text == "==" || t.text == "!=" || t.text == "<" || t.text == "<=" || t.text == ">" || t.text == ">=";
}

bool is_equality(const Token& t) { return t.is_op("==") || t.is_op("!="); }

// `cmp` is <0, 0 or >0, as strcmp returns.
bool holds(const std::string& op, int cmp)
{
	if (op == "==")
		return cmp == 0;
	if (op == "!=")
		return cmp != 0;
	if (op == "<")
		return cmp < 0;
	if (op == "<=")
		return cmp <= 0;
	if (op == ">")
		return cmp > 0;
	return cmp >= 0;
}

int sign(long long v) { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

bool parse_int(const std::string& text, long long& value)
{
	errno = 0;
	char* end = nullptr;
	value = std::strtoll(text.c_str(), &end, 0);
	return errno == 0 && end && *end == '\0' && !text.empty();
}

class Evaluator {
public:
	Evaluator(ConditionReader& in, const TargetFacts& facts, ScriptErrors& errors)
		: m_in(in), m_facts(facts), m_errors(errors)
	{
	}

	std::optional<bool> parse_or()
	{
		std::optional<bool> v = parse_and();
		while (v && m_in.peek().is_op("||")) {
			m_in.next();
			std::optional<bool> rhs = parse_and();
			if (!rhs)
				return std::nullopt;
			v = *v || *rhs;
		}
		return v;
	}

private:
	std::optional<bool> fail(const char* message, const Token& at)
	{
		m_errors.push_back({message, at, Blame::At, true});
		return std::nullopt;
	}

	std::optional<bool> parse_and()
	{
		std::optional<bool> v = parse_term();
		while (v && m_in.peek().is_op("&&")) {
			m_in.next();
			std::optional<bool> rhs = parse_term();
			if (!rhs)
				return std::nullopt;
			v = *v && *rhs;
		}
		return v;
	}

	// Reads `op "string"`; a glob on == and !=, a version order otherwise when `versions`.
	std::optional<bool> string_test(const std::string& target, bool equality_only, bool versions)
	{
		Token op = m_in.next();
		if (equality_only && !is_equality(op))
			return fail("expected '==' or '!='", op);
		if (!is_comparison(op))
			return fail("expected comparison operator", op);
		Token rhs = m_in.next();
		if (rhs.kind != TokKind::String)
			return fail("expected string literal", rhs);
		if (is_equality(op)) {
			bool match = fnmatch(rhs.text.c_str(), target.c_str(), 0) == 0;
			return op.text == "==" ? match : !match;
		}
		int cmp = versions ? strverscmp(target.c_str(), rhs.text.c_str()) : target.compare(rhs.text);
		return holds(op.text, cmp);
	}

	std::optional<bool> guru_test()
	{
		Token op = m_in.next();
		if (!is_equality(op))
			return fail("expected '==' or '!='", op);
		Token rhs = m_in.next();
		long long v = 0;
		if (rhs.kind != TokKind::Number || !parse_int(rhs.text, v))
			return fail("expected number", rhs);
		if (v != 0 && v != 1)
			return fail("expected 0 or 1", op);
		return holds(op.text, (m_facts.guru_mode ? 1 : 0) == v ? 0 : 1);
	}

	std::optional<bool> config_test(const std::string& name)
	{
		auto it = m_facts.config.find(name);
		std::string value = it == m_facts.config.end() ? "" : it->second;
		if (m_in.peek().kind == TokKind::Operator && is_comparison(m_in.peek())) {
			Token op = m_in.next();
			Token rhs = m_in.next();
			long long want = 0;
			long long have = 0;
			if (rhs.kind == TokKind::Number && parse_int(rhs.text, want))
				return parse_int(value, have) && holds(op.text, sign(have - want));
			if (rhs.kind != TokKind::String)
				return fail("expected string literal", rhs);
			bool match = fnmatch(rhs.text.c_str(), value.c_str(), 0) == 0;
			if (is_equality(op))
				return op.text == "==" ? match : !match;
			return holds(op.text, value.compare(rhs.text));
		}
		return fail("expected comparison operator", m_in.peek());
	}

	// A literal on the left: numbers compare with numbers, strings with strings.
	std::optional<bool> literal_test(const Token& lhs)
	{
		Token op = m_in.next();
		if (!is_comparison(op))
			return fail("expected comparison operator", op);
		Token rhs = m_in.next();
		if (lhs.kind == TokKind::Number) {
			long long a = 0;
			long long b = 0;
			if (rhs.kind != TokKind::Number || !parse_int(rhs.text, b))
				return fail("expected number literal as right value", rhs);
			if (!parse_int(lhs.text, a))
				return fail("number invalid or out of range", lhs);
			return holds(op.text, a < b ? -1 : (a > b ? 1 : 0));
		}
		if (rhs.kind != TokKind::String)
			return fail("expected string literal as right value", rhs);
		return holds(op.text, lhs.text.compare(rhs.text));
	}

	std::optional<bool> parse_term()
	{
		Token t = m_in.next();
		if (t.kind == TokKind::Identifier) {
			if (t.text == "kernel_v")
				return string_test(m_facts.kernel_v, false, true);
			if (t.text == "kernel_vr")
				return string_test(m_facts.kernel_vr, false, true);
			if (t.text == "systemtap_v")
				return string_test(m_facts.systemtap_v, false, true);
			if (t.text == "arch")
				return string_test(m_facts.arch, true, false);
			if (t.text == "runtime")
				return string_test(m_facts.runtime, true, false);
			if (t.text == "systemtap_privilege")
				return string_test(m_facts.privilege, true, false);
			if (t.text == "guru_mode")
				return guru_test();
			if (t.text.starts_with("CONFIG_"))
				return config_test(t.text);
		}
		if (t.kind == TokKind::Number || t.kind == TokKind::String)
			return literal_test(t);
		return fail(kBadStart, t);
	}

	ConditionReader& m_in;
	const TargetFacts& m_facts;
	ScriptErrors& m_errors;
};

}  // namespace

std::optional<bool> evaluate_condition(ConditionReader& in, const Token& open, const TargetFacts& facts,
				       ScriptErrors& errors)
{
	size_t before = errors.size();
	std::optional<bool> result = Evaluator(in, facts, errors).parse_or();
	if (!result) {
		// Running off the end is reported against the `%(` itself.
		if (errors.size() > before && errors.back().token.kind == TokKind::Eof)
			errors.back() = {"incomplete condition after '%('", open, Blame::At, true};
		return std::nullopt;
	}
	if (!in.peek().is_op("%?")) {
		errors.push_back({"expected '%?' marker for conditional", open, Blame::At, true});
		return std::nullopt;
	}
	in.next();
	return result;
}

}  // namespace kctx::probe
