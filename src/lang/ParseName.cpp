// Identifiers in expressions: lookup, undeclared names (implicit declarations, a hint to
// include the header that declares a prelude function).
#include "lang/ParserImpl.h"

#include <fmt/format.h>
#include <map>

#include "abi/Prelude.h"
#include "abi/Unsimulated.h"

namespace kctx::lang::parser {

Expr* Parser::identifier()
{
	const Token t = tok();
	advance();
	Symbol* s = lookup(t.text);
	if (s && s->kind == SymKind::Typedef) {
		error(t.loc, fmt::format("unexpected type name '{}': expected expression", t.text), t.length);
		return m_sema.error_expr(t.loc);
	}
	if (s) {
		if (s->kind == SymKind::Func)
			m_unit.function_refs.push_back({m_fn, s});
		return m_sema.var_ref(s, t.loc, t.length);
	}
	// C11 6.4.2.2: inside a function, __func__ names its name as if declared
	// 'static const char __func__[] = "name";' (GCC's __FUNCTION__ and, in C,
	// __PRETTY_FUNCTION__ are the same), e.g. for pr_info("%s: ...", __func__).
	if (m_fn && (t.text == "__func__" || t.text == "__FUNCTION__" || t.text == "__PRETTY_FUNCTION__"))
		return m_sema.str_lit(m_fn->sym->name + '\0', t.loc, t.length);
	if (at(Tok::LParen))
		return undeclared_function(t);
	std::vector<std::string_view> names;
	for (const Scope& sc : m_scopes)
		for (const auto& [n, sym] : sc.names)
			if (sym->kind != SymKind::Typedef)
				names.push_back(n);
	std::sort(names.begin(), names.end());
	if (m_world == abi::World::Kernel && abi::unsimulated_kernel_api(t.text)) {
		error(t.loc, fmt::format("'{}' is a Linux 6.1 API that kctx does not simulate", t.text), t.length);
		return m_sema.error_expr(t.loc);
	}
	std::string guess = t.text.size() >= 3 ? closest_match(t.text, names) : "";
	std::string hint = guess.empty() ? missing_include_hint(t.text) : fmt::format("; did you mean '{}'?", guess);
	error(t.loc, fmt::format("use of undeclared identifier '{}'{}", t.text, hint), t.length);
	return m_sema.error_expr(t.loc);
}

// Whether the prelude (what a known #include brings) has `name` as a word.
bool Parser::prelude_mentions(const std::string& name) const
{
	const std::string& text = abi::prelude_text(m_world);
	auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
	for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
		bool starts = at == 0 || !ident(text[at - 1]);
		bool ends = at + name.size() >= text.size() || !ident(text[at + name.size()]);
		if (starts && ends)
			return true;
	}
	return false;
}

// Without any known #include, a name the headers declare (pr_info, current, printf)
// is undeclared: say which header to include.
std::string Parser::missing_include_hint(const std::string& name) const
{
	if (m_have_prelude || !prelude_mentions(name))
		return "";
	return m_world == abi::World::Kernel ? " (no kernel header is included: add #include <linux/module.h>)"
					     : " (no libc header is included: add #include <stdio.h>)";
}

// Reports a call to an undeclared function and declares it implicitly so the call
// can still be checked.
Expr* Parser::undeclared_function(const Token& t)
{
	std::string hint;
	auto id = abi::find_builtin(t.text);
	abi::World other = m_world == abi::World::Kernel ? abi::World::User : abi::World::Kernel;
	bool unsimulated = m_world == abi::World::Kernel && !id && abi::unsimulated_kernel_api(t.text);
	if (unsimulated) {
		error(t.loc, fmt::format("'{}' is a Linux 6.1 API that kctx does not simulate", t.text), t.length);
	} else if (id && abi::visible_in(abi::builtin(*id).world, m_world)) {
		hint = "; include the header that declares it";
	} else {
		// A libc function in a module (or a kernel one in a program): name the
		// counterpart of the other world.
		static const std::map<std::string_view, std::string_view> kKernelFor = {
			{"printf", "printk"}, {"malloc", "kmalloc"}, {"calloc", "kcalloc"}, {"free", "kfree"},
			{"sleep", "ssleep"}, {"usleep", "usleep_range"}, {"puts", "printk"}, {"fprintf", "printk"},
			{"abort", "BUG"}, {"exit", "do_exit"}, {"getpid", "task_pid_nr"}, {"nanosleep", "msleep"},
		};
		static const std::map<std::string_view, std::string_view> kUserFor = {
			{"printk", "printf"}, {"kmalloc", "malloc"}, {"kzalloc", "calloc"}, {"kfree", "free"},
			{"msleep", "usleep"}, {"ssleep", "sleep"}, {"kcalloc", "calloc"},
		};
		const auto& table = m_world == abi::World::Kernel ? kKernelFor : kUserFor;
		auto it = table.find(t.text);
		if (it != table.end()) {
			hint = fmt::format("; did you mean '{}'?", it->second);
		} else {
			std::vector<std::string_view> names;
			for (const abi::BuiltinInfo& b : abi::builtins())
				if (abi::visible_in(b.world, m_world) && b.name.substr(0, 7) != "__kctx_")
					names.push_back(b.name);
			for (Symbol* f : m_unit.functions_declared)
				if (f->name.substr(0, 7) != "__kctx_")
					names.push_back(f->name);
			std::string guess = closest_match(t.text, names);
			if (!guess.empty())
				hint = fmt::format("; did you mean '{}'?", guess);
			else if (id && abi::visible_in(abi::builtin(*id).world, other))
				hint = m_world == abi::World::Kernel ? " (it is a libc function; modules cannot call it)"
								     : " (it is a kernel function; user programs cannot call it)";
			else
				hint = missing_include_hint(t.text);
		}
	}
	if (!unsimulated)
		error(t.loc, fmt::format("call to undeclared function '{}'{}", t.text, hint), t.length);
	Symbol* s = m_unit.new_symbol();
	s->kind = SymKind::Func;
	s->name = t.text;
	s->type = m_types.function(m_types.int_type(), {}, false, false);
	s->loc = t.loc;
	s->length = t.length;
	s->defined = true;   // suppress "never defined"; the unit has errors anyway
	m_scopes.front().names[t.text] = s;
	Expr* e = m_unit.new_expr(ExprKind::Func, s->type, t.loc);
	e->sym = s;
	e->length = t.length;
	return e;
}

}  // namespace kctx::lang::parser
