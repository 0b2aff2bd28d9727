#include "lang/Preprocessor.h"

#include <fmt/format.h>

#include "abi/Prelude.h"
#include "lang/PreprocessorImpl.h"

namespace kctx::lang::pp {

Preprocessor::Preprocessor(SourceSet& sources, const PreprocessOptions& options, DiagnosticSink& diags)
	: m_sources(sources), m_options(options), m_diags(diags)
{
}

TokenList Preprocessor::run(uint32_t file)
{
	define_builtins();
	// The predefined macros are a file of #defines processed before the main file.
	std::string text = predefined_text();
	uint32_t builtin_file = m_sources.add("<built-in>", std::move(text));
	push_file(builtin_file);
	TokenList out = process(true);
	out.clear();
	note_file_path(file);
	push_file(file);
	out = process(true);
	return out;
}

// Reads tokens until the stack is empty (or, with directives == false, until the
// isolated stream of a macro argument ends) and returns what remains after
// directives and macro expansion.
TokenList Preprocessor::process(bool directives)
{
	TokenList out;
	size_t cond_base = m_conds.size();
	while (!at_end() && !stopped()) {
		Token t = pop();
		if (t.kind == Tok::Eof)
			break;
		if (directives && t.kind == Tok::Hash && t.bol && !t.hide) {
			directive(t);
			continue;
		}
		if (t.kind == Tok::Ident && expand(t))
			continue;
		t.bol = out.empty() ? t.bol : false;
		out.push_back(std::move(t));
		if (out.size() > kMaxTokens + m_source_tokens) {
			error(out.back().loc, fmt::format("macro expansion produces too many tokens (more than {} "
							  "beyond the {} tokens of the files read)",
							  kMaxTokens, m_source_tokens));
			m_stop = true;
		}
	}
	if (directives) {
		while (m_conds.size() > cond_base) {
			error(m_conds.back().loc, "unterminated conditional directive");
			m_conds.pop_back();
		}
	}
	Token eof;
	eof.kind = Tok::Eof;
	eof.bol = true;
	eof.loc = m_last_loc;
	out.push_back(std::move(eof));
	return out;
}

void Preprocessor::define_builtins()
{
	auto add = [&](const char* name, BuiltinMacro b) {
		Macro m;
		m.name = name;
		m.builtin = b;
		m.id = macro_id(name);
		m_macros[name] = std::move(m);
	};
	add("__FILE__", BuiltinMacro::File);
	add("__LINE__", BuiltinMacro::Line);
	add("__COUNTER__", BuiltinMacro::Counter);
}

std::string Preprocessor::predefined_text() const
{
	std::string s =
		"#define __STDC__ 1\n#define __STDC_VERSION__ 201112L\n#define __STDC_HOSTED__ 1\n"
		"#define __x86_64__ 1\n#define __x86_64 1\n#define __LP64__ 1\n#define _LP64 1\n"
		"#define __linux__ 1\n#define __linux 1\n#define __unix__ 1\n#define __kctx__ 1\n"
		"#define __CHAR_BIT__ 8\n#define __SIZEOF_INT__ 4\n#define __SIZEOF_LONG__ 8\n"
		"#define __SIZEOF_LONG_LONG__ 8\n#define __SIZEOF_POINTER__ 8\n#define __SIZEOF_SHORT__ 2\n"
		"#define __ORDER_LITTLE_ENDIAN__ 1234\n#define __ORDER_BIG_ENDIAN__ 4321\n"
		"#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__\n"
		"#define __inline inline\n#define __inline__ inline\n#define __restrict restrict\n"
		"#define __restrict__ restrict\n#define __const const\n#define __volatile__ volatile\n"
		"#define __volatile volatile\n#define __signed__ signed\n#define __signed signed\n"
		"#define __typeof__ typeof\n#define __typeof typeof\n#define __alignof__ _Alignof\n"
		"#define __alignof _Alignof\n#define __attribute __attribute__\n#define __asm__ asm\n#define __asm asm\n"
		"#define __builtin_expect(x, y) (x)\n#define __builtin_expect_with_probability(x, y, p) (x)\n"
		"#define __builtin_unreachable() do { } while (0)\n";
	if (m_options.world == abi::World::Kernel)
		s += "#define __KERNEL__ 1\n#define MODULE 1\n";
	for (const auto& [name, value] : m_options.defines)
		s += "#define " + name + " " + value + "\n";
	return s;
}

}  // namespace kctx::lang::pp

namespace kctx::lang {

TokenList preprocess(SourceSet& sources, uint32_t file, const PreprocessOptions& options, DiagnosticSink& diags)
{
	return pp::Preprocessor(sources, options, diags).run(file);
}

}  // namespace kctx::lang
