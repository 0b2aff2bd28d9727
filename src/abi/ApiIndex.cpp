#include "abi/ApiIndex.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "abi/Prelude.h"

namespace kctx::abi {

namespace {

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string collapse_spaces(std::string_view s)
{
	std::string out;
	for (char c : s) {
		bool space = std::isspace(static_cast<unsigned char>(c));
		if (space && (out.empty() || out.back() == ' ' || out.back() == '('))
			continue;
		if (c == ')' && !out.empty() && out.back() == ' ')
			out.pop_back();
		out += space ? ' ' : c;
	}
	while (!out.empty() && out.back() == ' ')
		out.pop_back();
	return out;
}

// Drops what a definition says about linkage and inlining, which a caller need not know.
std::string_view strip_specifiers(std::string_view head)
{
	for (bool again = true; again;) {
		again = false;
		for (std::string_view word : {"static ", "inline ", "__always_inline ", "extern "})
			if (head.starts_with(word)) {
				head.remove_prefix(word.size());
				again = true;
			}
		if (head.starts_with("__attribute__((")) {
			size_t end = head.find("))");
			if (end == std::string_view::npos)
				return {};
			head.remove_prefix(end + 2);
			while (!head.empty() && head.front() == ' ')
				head.remove_prefix(1);
			again = true;
		}
	}
	return head;
}

// The name a function head declares: the identifier before its first '(' (a head with
// an '=' before it is a variable's initializer, not a function).
std::string function_name(std::string_view head)
{
	size_t paren = head.find('(');
	if (paren == std::string_view::npos || head.substr(0, paren).find('=') != std::string_view::npos)
		return {};
	size_t end = paren;
	while (end > 0 && head[end - 1] == ' ')
		end--;
	size_t begin = end;
	while (begin > 0 && ident_char(head[begin - 1]))
		begin--;
	return std::string(head.substr(begin, end - begin));
}

// A function defined at file scope: a line at column 0 that is not a type, up to the
// '{' that opens its body. Declarations (ending in ';') are not API: only what is
// defined can be called.
void scan_definitions(std::string_view text, std::map<std::string, ApiEntry>& out)
{
	size_t pos = 0;
	while (pos < text.size()) {
		size_t eol = text.find('\n', pos);
		std::string_view line = text.substr(pos, eol == std::string_view::npos ? std::string_view::npos : eol - pos);
		size_t start = pos;
		pos = eol == std::string_view::npos ? text.size() : eol + 1;
		if (line.empty() || !ident_char(line[0]))
			continue;
		for (std::string_view skip : {"typedef", "struct", "union", "enum"})
			if (line.starts_with(skip) && line.find('(') == std::string_view::npos)
				line = {};
		if (line.empty())
			continue;
		// The head runs to the first '{' or ';' outside parentheses.
		int depth = 0;
		size_t i = start;
		for (; i < text.size(); i++) {
			char c = text[i];
			if (c == '(')
				depth++;
			else if (c == ')')
				depth--;
			else if (depth == 0 && (c == '{' || c == ';'))
				break;
		}
		if (i >= text.size() || text[i] != '{')
			continue;
		std::string head = collapse_spaces(strip_specifiers(text.substr(start, i - start)));
		if (head.empty() || head.back() != ')')
			continue;
		std::string name = function_name(head);
		if (name.empty() || name.front() == '_' || out.count(name))
			continue;
		out.emplace(name, ApiEntry{.name = name, .kind = ApiKind::Library, .signature = head});
	}
}

// `#define NAME(ARGS)` or `#define NAME VALUE` at column 0.
void scan_macros(std::string_view text, std::map<std::string, ApiEntry>& out)
{
	constexpr std::string_view kDefine = "#define ";
	size_t pos = 0;
	while ((pos = text.find(kDefine, pos)) != std::string_view::npos) {
		bool at_line_start = pos == 0 || text[pos - 1] == '\n';
		pos += kDefine.size();
		if (!at_line_start)
			continue;
		size_t end = pos;
		while (end < text.size() && ident_char(text[end]))
			end++;
		std::string name(text.substr(pos, end - pos));
		if (name.empty() || name.front() == '_' || out.count(name))
			continue;
		std::string signature = "#define " + name;
		if (end < text.size() && text[end] == '(') {
			size_t close = text.find(')', end);
			if (close == std::string_view::npos)
				continue;
			signature += collapse_spaces(text.substr(end, close + 1 - end));
		} else {
			size_t eol = text.find('\n', end);
			std::string value = collapse_spaces(text.substr(end, eol - end));
			if (!value.empty() && value.back() == '\\')
				value = "…";
			constexpr size_t kShown = 60;
			if (value.size() > kShown)
				value = value.substr(0, kShown) + "…";
			if (!value.empty())
				signature += " " + value;
		}
		out.emplace(name, ApiEntry{.name = name, .kind = ApiKind::Macro, .signature = signature});
	}
}

}  // namespace

std::vector<ApiEntry> api_index(World world)
{
	std::map<std::string, ApiEntry> by_name;
	for (const BuiltinInfo& b : builtins()) {
		if (!visible_in(b.world, world) || b.name.starts_with("_"))
			continue;
		by_name.emplace(std::string(b.name), ApiEntry{.name = std::string(b.name),
							      .kind = ApiKind::Builtin,
							      .signature = std::string(b.prototype),
							      .sleeps = b.sleeps,
							      .context = b.context});
	}
	const std::string& text = prelude_text(world);
	scan_definitions(text, by_name);
	scan_macros(text, by_name);
	std::vector<ApiEntry> out;
	out.reserve(by_name.size());
	for (auto& [name, e] : by_name)
		out.push_back(std::move(e));
	return out;
}

std::string_view api_kind_name(ApiKind kind)
{
	switch (kind) {
	case ApiKind::Builtin: return "builtin";
	case ApiKind::Library: return "library";
	case ApiKind::Macro: return "macro";
	}
	return "?";
}

std::string_view api_sleeps_text(const ApiEntry& e)
{
	if (e.kind != ApiKind::Builtin)
		return "";
	switch (e.sleeps) {
	case Sleeps::No: return "no";
	case Sleeps::Yes: return "yes";
	case Sleeps::Gfp: return "if gfp allows";
	}
	return "?";
}

std::string_view api_context_text(const ApiEntry& e)
{
	if (e.kind != ApiKind::Builtin)
		return "";
	return e.context == Context::Any ? "any" : "process";
}

}  // namespace kctx::abi
