#include "probe/Printer.h"

namespace kctx::probe {

namespace {

// A string literal as stap prints it back: only the quote needs its backslash (the
// lexer kept every other escape as written).
std::string quoted(const std::string& text)
{
	std::string out = "\"";
	for (char c : text) {
		if (c == '"')
			out += '\\';
		out += c;
	}
	return out + "\"";
}

// A print format or delimiter is printed with its backslashes doubled as well.
std::string quoted_format(const std::string& text)
{
	std::string out = "\"";
	for (char c : text) {
		if (c == '"' || c == '\\')
			out += '\\';
		out += c;
	}
	return out + "\"";
}

std::string paren(const ExprPtr& e) { return "(" + (e ? print_expr(*e) : std::string()) + ")"; }

std::string join(const std::vector<ExprPtr>& list, size_t from)
{
	std::string out;
	for (size_t i = from; i < list.size(); ++i) {
		if (i > from)
			out += ", ";
		out += list[i] ? print_expr(*list[i]) : "*";
	}
	return out;
}

std::string components(const Expr& e)
{
	std::string out;
	for (const Component& c : e.components) {
		if (c.kind == Component::Kind::Index)
			out += "[" + (c.index ? print_expr(*c.index) : std::string()) + "]";
		else
			out += "->" + c.name;
	}
	return out;
}

std::string target(const Expr& e)
{
	std::string out = e.address_of ? "&" : "";
	switch (e.base) {
	case TargetBase::Dollar: out += e.name; break;
	case TargetBase::Cast:
		out += "@cast(" + print_expr(*e.operands[0]) + ", " + quoted(e.text);
		out += (e.module.empty() ? "" : ", " + quoted(e.module)) + ")";
		break;
	case TargetBase::Var:
		out += "@var(" + quoted(e.text) + (e.module.empty() ? "" : ", " + quoted(e.module)) + ")";
		break;
	case TargetBase::Autocast: out += paren(e.operands[0]); break;
	}
	return out + components(e);
}

std::string print_call_like(const Expr& e)
{
	std::string out = e.name + "(";
	if (e.has_text)
		out += quoted_format(e.text) + (e.operands.empty() ? "" : ", ");
	return out + join(e.operands, 0) + ")";
}

}  // namespace

std::string print_expr(const Expr& e)
{
	switch (e.kind) {
	case ExprKind::Number: return std::to_string(e.value);
	case ExprKind::String: return quoted(e.text);
	case ExprKind::Symbol: return e.name;
	case ExprKind::Target: return target(e);
	case ExprKind::ArrayIndex:
		return (e.operands[0] ? print_expr(*e.operands[0]) : std::string()) + "[" + join(e.operands, 1) + "]";
	case ExprKind::Call:
	case ExprKind::Print: return print_call_like(e);
	case ExprKind::Stat:
	case ExprKind::HistOp: return "@" + e.name + "(" + join(e.operands, 0) + ")";
	case ExprKind::Unary:
	case ExprKind::PreCrement: return e.op + paren(e.operands[0]);
	case ExprKind::PostCrement: return paren(e.operands[0]) + e.op;
	case ExprKind::Binary:
	case ExprKind::Assign: return paren(e.operands[0]) + " " + e.op + " " + paren(e.operands[1]);
	case ExprKind::Regex: return paren(e.operands[0]) + " " + e.op + " " + quoted(e.text);
	case ExprKind::Ternary:
		return paren(e.operands[0]) + "?" + paren(e.operands[1]) + ":" + paren(e.operands[2]);
	case ExprKind::ArrayIn:
		return "[" + join(e.operands, 1) + "] in " + (e.operands[0] ? print_expr(*e.operands[0]) : std::string());
	case ExprKind::Defined: return "@defined(" + print_expr(*e.operands[0]) + ")";
	case ExprKind::Entry: return "@entry(" + print_expr(*e.operands[0]) + ")";
	case ExprKind::Probewrite: return "@probewrite(" + print_expr(*e.operands[0]) + ")";
	case ExprKind::Perf: return "@perf(" + quoted(e.text) + ")";
	}
	return {};
}

namespace {

std::string body_of(const std::vector<StmtPtr>& body, size_t i)
{
	return i < body.size() && body[i] ? print_stmt(*body[i]) : std::string();
}

std::string foreach_head(const Stmt& s)
{
	std::string out = "foreach (";
	if (!s.value_var.empty())
		out += s.value_var + " = ";
	out += "[";
	for (size_t i = 0; i < s.indexes.size(); ++i) {
		out += (i ? ", " : "") + s.indexes[i].name;
		out += s.indexes[i].sort > 0 ? "+" : (s.indexes[i].sort < 0 ? "-" : "");
	}
	out += "] in " + (s.array ? print_expr(*s.array) : std::string());
	if (!s.sort_stat.empty())
		out += " @" + s.sort_stat;
	out += s.value_sort > 0 ? "+" : (s.value_sort < 0 ? "-" : "");
	if (s.limit)
		out += " limit " + print_expr(*s.limit);
	return out + ") ";
}

}  // namespace

std::string print_stmt(const Stmt& s)
{
	switch (s.kind) {
	case StmtKind::Block: {
		std::string out = "{\n";
		for (const StmtPtr& child : s.body)
			out += (child ? print_stmt(*child) : std::string()) + ";\n";
		return out + "}";
	}
	case StmtKind::Null: return ";";
	case StmtKind::Expr: return s.expr ? print_expr(*s.expr) : std::string();
	case StmtKind::If: {
		std::string out = "if (" + print_expr(*s.expr) + ") " + body_of(s.body, 0) + "\n";
		if (s.body.size() > 1)
			out += "else " + body_of(s.body, 1) + "\n";
		return out;
	}
	case StmtKind::For:
		return "for (" + (s.init ? print_expr(*s.init) : std::string()) + "; " +
		       (s.expr ? print_expr(*s.expr) : std::string("1")) + "; " +
		       (s.step ? print_expr(*s.step) : std::string()) + ") " + body_of(s.body, 0);
	case StmtKind::Foreach: return foreach_head(s) + body_of(s.body, 0);
	case StmtKind::Return: return s.expr ? "return " + print_expr(*s.expr) : "return";
	case StmtKind::Delete: return "delete " + print_expr(*s.expr);
	case StmtKind::Next: return "next";
	case StmtKind::Break: return "break";
	case StmtKind::Continue: return "continue";
	case StmtKind::Try:
		return "try {\n" + body_of(s.body, 0) + "\n} catch" + (s.catch_var.empty() ? "" : " (" + s.catch_var + ")") +
		       " {\n" + body_of(s.body, 1) + "\n}\n";
	}
	return {};
}

std::string print_point(const ProbePoint& pp)
{
	std::string out;
	for (size_t i = 0; i < pp.components.size(); ++i) {
		const ProbePointComponent& c = pp.components[i];
		out += (i ? "." : "") + c.functor;
		if (c.param && *c.param)
			out += "(" + print_expr(**c.param) + ")";
	}
	if (pp.sufficient)
		out += "!";
	else if (pp.optional)
		out += "?";
	if (pp.condition)
		out += " if (" + print_expr(*pp.condition) + ")";
	return out;
}

namespace {

std::string print_points(const std::vector<ProbePoint>& points)
{
	std::string out;
	for (size_t i = 0; i < points.size(); ++i)
		out += (i ? "," : "") + print_point(points[i]);
	return out;
}

std::string print_global(const Global& g)
{
	std::string out = "global " + g.name + (g.wrap ? "%" : "");
	if (g.max_entries)
		out += "[" + std::to_string(*g.max_entries) + "]";
	if (g.init)
		out += " = " + print_expr(*g.init);
	return out + "\n";
}

std::string print_probe(const Probe& p)
{
	std::string out = "probe ";
	if (p.alias != AliasKind::None)
		out += print_points(p.alias_names) + (p.alias == AliasKind::Prologue ? " = " : " += ");
	return out + print_points(p.points) + print_stmt(*p.body) + "\n";
}

}  // namespace

std::string print_parse_tree(const Script& script)
{
	std::string out = "# parse tree dump\n# file " + script.file_name + "\n";
	for (const Global& g : script.globals)
		out += print_global(g);
	// stap keeps aliases and probes in two lists and prints the aliases first.
	for (const Probe& p : script.probes)
		if (p.alias != AliasKind::None)
			out += print_probe(p);
	for (const Probe& p : script.probes)
		if (p.alias == AliasKind::None)
			out += print_probe(p);
	for (const Function& f : script.functions) {
		out += "function " + f.name + " (";
		for (size_t i = 0; i < f.params.size(); ++i)
			out += (i ? ", " : "") + f.params[i].name;
		out += ")\n" + print_stmt(*f.body) + "\n";
	}
	// stap ends the dump with an empty line.
	return out + "\n";
}

}  // namespace kctx::probe
