#include "cli/Suggest.h"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <string_view>
#include <vector>

#include "base/Diagnostic.h"

namespace kctx::cli {

namespace {

std::string unknown(std::string_view what, std::string_view typed, const std::vector<std::string>& known)
{
	std::vector<std::string_view> candidates(known.begin(), known.end());
	std::string msg = fmt::format("kctx: error: unknown {} '{}'", what, typed);
	if (std::string guess = closest_match(typed, candidates); !guess.empty())
		return msg + fmt::format("; did you mean {}?", guess);
	return msg + fmt::format(" (see kctx --help)");
}

bool looks_numeric(std::string_view s)
{
	return s.size() > 1 && s[0] == '-' && (std::isdigit(static_cast<unsigned char>(s[1])) || s[1] == '.');
}

}  // namespace

std::string suggest_for_bad_command_line(const std::vector<SubcommandNames>& subcommands, int argc, char** argv)
{
	if (argc < 2)
		return "";
	std::string_view first = argv[1];
	if (first.starts_with("-"))
		return "";   // --help, --version, or an option before the subcommand: the parser's message
	const SubcommandNames* sub = nullptr;
	std::vector<std::string> subs;
	for (const SubcommandNames& s : subcommands) {
		subs.push_back(s.name);
		if (s.name == first)
			sub = &s;
	}
	if (!sub)
		return unknown("subcommand", first, subs);
	const std::vector<std::string>& known = sub->options;
	for (int i = 2; i < argc; i++) {
		std::string_view arg = argv[i];
		if (arg == "--")
			break;
		if (!arg.starts_with("-") || arg == "-" || looks_numeric(arg))
			continue;
		std::string_view name = arg.substr(0, arg.find('='));
		// Short flags may be grouped ("-q" is the only one); only long names are guessed at.
		if (std::find(known.begin(), known.end(), name) == known.end())
			return unknown("option", name, known);
	}
	return "";
}

}  // namespace kctx::cli
