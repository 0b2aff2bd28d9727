// The parser's driver: construction (keywords recognized), the loop over external
// declarations, tokens and error recovery, scopes, and the end-of-unit checks.
#include "lang/Parser.h"

#include <fmt/format.h>
#include <unordered_map>

#include "abi/KernelData.h"
#include "lang/ParserImpl.h"

namespace kctx::lang::parser {

Parser::Parser(TokenList tokens, abi::World world, TypeContext& types, Unit& unit, DiagnosticSink& diags, bool have_prelude)
	: m_toks(std::move(tokens)), m_world(world), m_types(types), m_unit(unit), m_diags(diags),
	  m_sema(types, unit, diags, world), m_have_prelude(have_prelude)
{
	static const std::unordered_map<std::string_view, Tok> kKeywords = {
#define KCTX_X(name, spelling) {spelling, Tok::name},
		KCTX_KEYWORDS(KCTX_X)
#undef KCTX_X
	};
	for (Token& t : m_toks) {
		if (t.kind != Tok::Ident)
			continue;
		auto it = kKeywords.find(t.text);
		if (it != kKeywords.end())
			t.kind = it->second;
	}
	if (m_toks.empty() || m_toks.back().kind != Tok::Eof) {
		Token eof;
		eof.kind = Tok::Eof;
		m_toks.push_back(eof);
	}
	m_eof = m_toks.back();
	m_scopes.emplace_back();
}

bool Parser::run()
{
	size_t next_unit = 0;
	while (!at(Tok::Eof) && !stopped()) {
		if (!m_units.starts.empty() && !m_prelude_seen && m_pos >= m_prelude_end) {
			m_prelude_seen = true;
			for (const auto& [name, sym] : m_scopes.front().names)
				m_prelude_names.insert(sym);
			for (const auto& [name, type] : m_scopes.front().tags)
				m_prelude_tags.insert(type);
		}
		if (next_unit < m_units.starts.size() && m_pos >= m_units.starts[next_unit]) {
			start_translation_unit();
			next_unit++;
		}
		size_t before = m_pos;
		external_declaration();
		if (m_pos == before && !stopped())
			advance();
	}
	if (error_count(m_diags) >= kMaxErrors && !m_reported_limit) {
		m_reported_limit = true;
		m_diags.note(tok().loc, "too many errors emitted, stopping now");
	}
	if (!stopped())
		check_undefined_functions();
	return error_count(m_diags) == 0;
}

void Parser::set_unit_boundaries(const UnitBoundaries& units)
{
	m_units = units;
	if (!units.prelude_file)
		return;
	for (size_t i = 0; i < m_toks.size(); i++)
		if (m_toks[i].loc.file == *units.prelude_file)
			m_prelude_end = i + 1;
}

// What the prelude declared stays: the file scope as it was when its last declaration
// was read (snapshot in run()).
void Parser::start_translation_unit()
{
	Scope& file = m_scopes.front();
	std::erase_if(file.names, [&](const auto& kv) {
		const Symbol* s = kv.second;
		if (m_prelude_names.count(s))
			return false;
		return s->kind == SymKind::Typedef || s->kind == SymKind::EnumConst || s->is_static;
	});
	std::erase_if(file.tags, [&](const auto& kv) { return !m_prelude_tags.count(kv.second); });
	std::erase_if(m_functions, [&](const auto& kv) { return kv.second->is_static && !m_prelude_names.count(kv.second); });
	std::erase_if(m_globals, [&](const auto& kv) { return kv.second->is_static && !m_prelude_names.count(kv.second); });
}

std::string Parser::describe(const Token& t) const
{
	if (t.kind == Tok::Eof)
		return "end of file";
	return "'" + t.text + "'";
}

bool Parser::expect(Tok k, const char* context)
{
	if (accept(k))
		return true;
	const Token& t = tok();
	std::string msg = fmt::format("expected '{}'", tok_spelling(k));
	if (context)
		msg += fmt::format(" {}", context);
	if (t.kind == Tok::Other)
		msg = stray_message(t);
	// Point just after the previous token for a missing ';', like clang.
	if (k == Tok::Semi && m_pos > 0 && t.kind != Tok::Other && m_toks[m_pos - 1].loc.file == t.loc.file) {
		const Token& p = m_toks[m_pos - 1];
		error(SourceLoc{p.loc.file, p.loc.line, p.loc.col + p.length}, msg);
		return false;
	}
	error(t.loc, msg, t.length);
	return false;
}

std::string Parser::stray_message(const Token& t)
{
	if (!t.text.empty() && (t.text[0] == '\'' || t.text[0] == '"' || t.text.back() == '\'' || t.text.back() == '"'))
		return fmt::format("missing terminating {} character", t.text.find('"') != std::string::npos ? '"' : '\'');
	unsigned char c = t.text.empty() ? 0 : static_cast<unsigned char>(t.text[0]);
	if (c < 0x20 || c >= 0x7f)
		return fmt::format("invalid character 0x{:02x} in source file", c);
	return fmt::format("stray '{}' in program", t.text);
}

void Parser::error(SourceLoc loc, std::string msg, uint32_t len)
{
	if (stopped())
		return;
	m_diags.error(loc, std::move(msg), len);
}

void Parser::warning(SourceLoc loc, std::string msg, uint32_t len, std::string flag)
{
	if (stopped())
		return;
	m_diags.warning(loc, std::move(msg), len, std::move(flag));
}

void Parser::error_at_tok(const std::string& msg)
{
	const Token& t = tok();
	if (t.kind == Tok::Other)
		error(t.loc, stray_message(t), t.length);
	else
		error(t.loc, msg, t.length);
}

// Skips to just after the next ';' (or to a '}' that closes the current block),
// balancing brackets on the way.
void Parser::sync_stmt()
{
	int depth = 0;
	while (!at(Tok::Eof) && !stopped()) {
		Tok k = tok().kind;
		if (k == Tok::LParen || k == Tok::LBracket || k == Tok::LBrace)
			depth++;
		else if (k == Tok::RParen || k == Tok::RBracket)
			depth = std::max(0, depth - 1);
		else if (k == Tok::RBrace) {
			if (depth == 0)
				return;
			depth--;
			if (depth == 0) {
				advance();
				if (at(Tok::Semi))
					advance();
				return;
			}
		} else if (k == Tok::Semi && depth == 0) {
			advance();
			return;
		}
		advance();
	}
}

Symbol* Parser::lookup(const std::string& name) const
{
	for (auto it = m_scopes.rbegin(); it != m_scopes.rend(); ++it) {
		auto f = it->names.find(name);
		if (f != it->names.end())
			return f->second;
	}
	return nullptr;
}

Type* Parser::lookup_tag(const std::string& name, bool current_only) const
{
	for (auto it = m_scopes.rbegin(); it != m_scopes.rend(); ++it) {
		auto f = it->tags.find(name);
		if (f != it->tags.end())
			return f->second;
		if (current_only)
			break;
	}
	return nullptr;
}

bool Parser::is_typedef_name(const Token& t) const
{
	if (t.kind != Tok::Ident)
		return false;
	Symbol* s = lookup(t.text);
	return s && s->kind == SymKind::Typedef;
}

bool Parser::is_type_start(const Token& t) const
{
	switch (t.kind) {
	case Tok::KwVoid: case Tok::KwChar: case Tok::KwShort: case Tok::KwInt: case Tok::KwLong:
	case Tok::KwFloat: case Tok::KwDouble: case Tok::KwSigned: case Tok::KwUnsigned: case Tok::KwBool:
	case Tok::KwStruct: case Tok::KwUnion: case Tok::KwEnum: case Tok::KwConst: case Tok::KwVolatile:
	case Tok::KwRestrict: case Tok::KwTypeof: case Tok::KwAttribute: case Tok::KwAtomic:
	case Tok::KwInline: case Tok::KwStatic: case Tok::KwExtern: case Tok::KwTypedef: case Tok::KwRegister:
	case Tok::KwAuto: case Tok::KwNoreturn: case Tok::KwAlignas: case Tok::KwThreadLocal: case Tok::KwComplex:
	case Tok::KwInt128: case Tok::KwBuiltinVaList: case Tok::KwImaginary:
		return true;
	case Tok::KwExtension: return is_type_start(peek());
	case Tok::Ident: return is_typedef_name(t);
	default: return false;
	}
}

std::string Parser::unknown_type_message(const std::string& name)
{
	if (name == "va_list" || name == "__gnuc_va_list")
		return fmt::format("unknown type name '{}' (add #include <stdarg.h>, or <linux/stdarg.h> in a module)", name);
	return fmt::format("unknown type name '{}'", name);
}

void Parser::check_undefined_functions()
{
	// A module's undefined function or extern object is left for the loader, which
	// links it to another module's EXPORT_SYMBOL or refuses the module ("Unknown symbol").
	bool module = m_world == abi::World::Kernel;
	for (Symbol* f : m_unit.functions_declared) {
		if (!f->used || f->defined || f->builtin)
			continue;
		if (module && !f->imported) {
			f->imported = true;
			m_unit.imports.push_back(f);
			continue;
		}
		if (module)
			continue;
		error(f->first_use,
		      fmt::format("function '{}' is declared but never defined (no file of the program defines it, "
				  "and no builtin has this name)", f->name),
		      static_cast<uint32_t>(f->name.size()));
		m_diags.note(f->loc, "declared here", f->length);
	}
	for (Symbol* o : m_unit.objects)
		if (!o->type->is_complete())
			error(o->loc, fmt::format("tentative definition has incomplete type '{}'", type_name(o->type)), o->length);
	for (const auto& [name, g] : m_globals) {
		// The kernel's own objects (jiffies) are not another module's exports: they are
		// linked here, at their place in the kernel image.
		if (g->used && !g->defined && module && !g->imported && !g->kernel_address) {
			if (std::optional<uint64_t> addr = abi::kernel_data_address(name)) {
				g->kernel_address = addr;
				continue;
			}
		}
		if (g->kernel_address)
			continue;
		if (g->used && !g->defined && module && !g->imported) {
			g->imported = true;
			m_unit.imports.push_back(g);
		} else if (g->used && !g->defined && !g->imported)
			error(g->first_use, fmt::format("'{}' is declared extern but never defined in this file", name),
			      static_cast<uint32_t>(name.size()));
	}
}

}  // namespace kctx::lang::parser

namespace kctx::lang {

bool parse(TokenList tokens, abi::World world, TypeContext& types, Unit& unit, DiagnosticSink& diags, bool have_prelude)
{
	parser::Parser p(std::move(tokens), world, types, unit, diags, have_prelude);
	return p.run();
}

bool parse(TokenList tokens, abi::World world, TypeContext& types, Unit& unit, DiagnosticSink& diags, bool have_prelude,
	   const UnitBoundaries& units)
{
	parser::Parser p(std::move(tokens), world, types, unit, diags, have_prelude);
	p.set_unit_boundaries(units);
	return p.run();
}

}  // namespace kctx::lang
