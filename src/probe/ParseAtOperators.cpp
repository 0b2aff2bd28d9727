// The `@name(...)` operators of stap's expression language: statistics,
// histograms, @defined, @entry, @cast, @var, @perf, @probewrite.
#include "probe/ParserImpl.h"

namespace kctx::probe {

namespace {

bool is_stat(const std::string& op)
{
	return op == "count" || op == "sum" || op == "min" || op == "max" || op == "avg" || op == "variance";
}

bool is_guru_only(const std::string& op)
{
	return op == "kderef" || op == "uderef" || op == "kregister" || op == "uregister" || op == "const";
}

}  // namespace

ExprPtr Parser::parse_at_operator()
{
	const Token t = next();
	const std::string op = t.text.substr(1);
	if (is_guru_only(op)) {
		fail("using " + t.text + " operator not permitted; need stap -g", t);
		return nullptr;
	}
	ExprKind kind;
	if (is_stat(op))
		kind = ExprKind::Stat;
	else if (op == "hist_log" || op == "hist_linear")
		kind = ExprKind::HistOp;
	else if (op == "defined")
		kind = ExprKind::Defined;
	else if (op == "entry")
		kind = ExprKind::Entry;
	else if (op == "probewrite")
		kind = ExprKind::Probewrite;
	else if (op == "perf")
		kind = ExprKind::Perf;
	else if (op == "cast" || op == "var")
		kind = ExprKind::Target;
	else {
		fail("unknown operator " + t.text, t);
		return nullptr;
	}
	ExprPtr e = make_expr(kind, t);
	e->name = op;
	expect_op("(");
	if (kind == ExprKind::Perf) {
		if (peek().kind != TokKind::String) {
			fail("expected literal string", peek());
			return e;
		}
		e->text = parse_string_literal()->text;
		if (e->text.empty())
			fail("expected non-empty string", peek());
		expect_op(")");
		return e;
	}
	if (kind == ExprKind::Target) {
		e->base = op == "cast" ? TargetBase::Cast : TargetBase::Var;
		if (op == "cast") {
			e->operands.push_back(parse_expression());
			expect_op(",");
		}
		if (peek().kind != TokKind::String) {
			fail("expected literal string", peek());
			return e;
		}
		e->text = parse_string_literal()->text;
		if (accept_op(",")) {
			if (peek().kind != TokKind::String) {
				fail("expected string", peek());
				return e;
			}
			e->module = parse_string_literal()->text;
		}
		expect_op(")");
		parse_components(*e);
		return e;
	}
	e->operands.push_back(parse_expression());
	// @variance(x, shift) and @hist_linear(x, low, high, step) take more operands.
	while (!m_failed && (kind == ExprKind::HistOp || op == "variance") && accept_op(","))
		e->operands.push_back(parse_expression());
	expect_op(")");
	if (kind == ExprKind::HistOp && accept_op("["))
		return parse_index_list(std::move(e), "]");
	return e;
}

}  // namespace kctx::probe
