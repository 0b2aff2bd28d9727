#include "probe/Errors.h"

#include <fmt/format.h>
#include <set>

namespace kctx::probe {

std::string describe_token(const Token& tok)
{
	const std::string file = tok.source ? tok.source->name : std::string("<input>");
	switch (tok.kind) {
	case TokKind::Eof: return file + " EOF";
	case TokKind::Identifier: return "identifier '" + tok.text + "'";
	case TokKind::Keyword: return "keyword";
	case TokKind::Number: return "number '" + tok.text + "'";
	case TokKind::String: return "string '" + tok.text + "'";
	case TokKind::Operator: return "operator '" + tok.text + "'";
	case TokKind::Embedded: return "embedded-code";
	case TokKind::Junk: return "junk '" + tok.text + "'";
	}
	return "token";
}

namespace {

std::string source_line(const Token& tok)
{
	const std::string& text = tok.source->text;
	size_t begin = text.rfind('\n', tok.offset == 0 ? 0 : tok.offset - 1);
	begin = (begin == std::string::npos || tok.offset == 0) ? 0 : begin + 1;
	if (tok.offset == 0)
		begin = 0;
	size_t end = text.find('\n', tok.offset);
	return text.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

}  // namespace

std::string render_error(const ScriptError& error)
{
	const Token& tok = error.token;
	std::string out = "parse error: " + error.message + "\n";
	const char* label = error.blame == Blame::Saw ? "        saw: " : "         at: ";
	if (tok.kind == TokKind::Eof || !tok.source) {
		out += label + describe_token(tok) + "\n\n";
		return out;
	}
	out += fmt::format("{}{} at {}:{}:{}\n", label, describe_token(tok), tok.source->name, tok.line, tok.col);
	std::string line = source_line(tok);
	out += "     source: " + line + "\n";
	// The caret keeps the line's tabs so that it lands under the column on a terminal.
	std::string pad;
	for (uint32_t i = 0; i + 1 < tok.col && i < line.size(); ++i)
		pad += line[i] == '\t' ? '\t' : ' ';
	out += "             " + pad + "^\n\n";
	return out;
}

std::string render_errors(const ScriptErrors& errors, const std::string& pass_line)
{
	std::string out;
	std::set<std::string> seen;
	size_t suppressed = 0;
	for (const ScriptError& e : errors) {
		if (!e.always_shown && !seen.insert(e.message).second) {
			++suppressed;
			continue;
		}
		out += render_error(e);
	}
	if (errors.empty())
		return out;
	out += fmt::format("{} parse error{}.\n", errors.size(), errors.size() == 1 ? "" : "s");
	out += pass_line;
	if (suppressed)
		out += fmt::format("Number of similar error messages suppressed: {}.\nRerun with -v to see them.\n",
				   suppressed);
	return out;
}

}  // namespace kctx::probe
