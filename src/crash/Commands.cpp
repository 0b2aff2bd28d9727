// The command table, getopt-style option parsing, and the session commands: help,
// set, q/exit.
#include "crash/Commands.h"

#include <algorithm>
#include <fmt/format.h>

#include "crash/Tasks.h"

namespace kctx::crash {

namespace {

constexpr CommandInfo kCommands[] = {
#define KCTX_CRASH_COMMAND(name, handler, synopsis, summary) {#name, &handler, synopsis, summary},
#include "crash/Commands.def"
#undef KCTX_CRASH_COMMAND
};

}  // namespace

const CommandInfo* find_command(std::string_view name)
{
	for (const CommandInfo& c : kCommands)
		if (c.name == name)
			return &c;
	return nullptr;
}

std::span<const CommandInfo> all_commands() { return kCommands; }

std::string usage_error(std::string_view command, std::string_view why)
{
	const CommandInfo* c = find_command(command);
	return fmt::format("{}: {}\nUsage:\n  {}\nEnter \"help {}\" for details.\n", command, why,
			   c ? c->synopsis : command, command);
}

std::optional<char> parse_flags(const Args& args, std::string_view allowed, ParsedArgs& out)
{
	size_t i = 1;   // args[0] is the command
	for (; i < args.size(); i++) {
		const std::string& a = args[i];
		if (a == "--") {
			i++;
			break;
		}
		if (a.size() < 2 || a[0] != '-')
			break;
		for (char c : std::string_view(a).substr(1)) {
			if (allowed.find(c) == std::string_view::npos)
				return c;
			out.flags += c;
		}
	}
	out.operands.assign(args.begin() + static_cast<long>(std::min(i, args.size())), args.end());
	return std::nullopt;
}

std::optional<std::string> parse_anywhere(const Args& args, std::string_view allowed,
					  std::span<const std::string_view> words, ParsedArgs& out)
{
	for (size_t i = 1; i < args.size(); i++) {
		const std::string& a = args[i];
		if (a.size() < 2 || a[0] != '-') {
			out.operands.push_back(a);
			continue;
		}
		bool word = false;
		for (std::string_view w : words)
			if (a == w) {
				out.operands.push_back(a);   // the caller reads its whole-word options from here
				word = true;
			}
		if (word)
			continue;
		for (char c : std::string_view(a).substr(1)) {
			if (allowed.find(c) == std::string_view::npos)
				return std::string(1, c);
			out.flags += c;
		}
	}
	return std::nullopt;
}

std::vector<kernel::TaskId> named_tasks(const SessionState& s, std::string_view command,
					const std::vector<std::string>& operands, std::string& errors)
{
	if (operands.empty())
		return {s.context};
	std::vector<kernel::TaskId> ids;
	for (const std::string& o : operands) {
		if (auto id = find_task(*s.target, o))
			ids.push_back(*id);
		else
			errors += fmt::format("{}: invalid task or pid value: {}\n", command, o);
	}
	return ids;
}

std::string cmd_help(SessionState&, const Args& args)
{
	if (args.size() > 1) {
		const CommandInfo* c = find_command(args[1]);
		if (!c)
			return fmt::format("No help for \"{}\": kctx's crash has no such command.\n", args[1]);
		return fmt::format("\nNAME\n  {} - {}\n\nSYNOPSIS\n  {}\n\n", c->name, c->summary, c->synopsis);
	}
	// help.c display_commands(): the names sorted, down the columns, 15 wide, with a
	// blank line before and after.
	std::vector<std::string_view> names;
	for (const CommandInfo& c : kCommands)
		names.push_back(c.name);
	std::sort(names.begin(), names.end());
	constexpr size_t kColumns = 5;
	size_t rows = (names.size() + kColumns - 1) / kColumns;
	std::string out = "\n";
	for (size_t r = 0; r < rows; r++) {
		std::string line;
		for (size_t c = 0; c < kColumns; c++)
			if (size_t i = c * rows + r; i < names.size())
				line += fmt::format("{:<15}", names[i]);
		out += line + "\n";
	}
	out += "\ncrash version: 8.0.2 (kctx)   gdb version: none\n"
	       "For help on any command above, enter \"help <command>\".\n\n";
	return out;
}

std::string cmd_exit(SessionState& s, const Args&)
{
	s.quit = true;
	return {};
}

std::string cmd_set(SessionState& s, const Args& args)
{
	ParsedArgs p;
	if (auto bad = parse_flags(args, "p", p))
		return usage_error("set", fmt::format("invalid option -- '{}'", *bad));
	const Target& t = *s.target;
	if (p.flags.find('p') != std::string::npos) {
		s.context = panic_task(t);
	} else if (!p.operands.empty()) {
		auto id = find_task(t, p.operands[0]);
		if (!id)
			return fmt::format("set: invalid task or pid value: {}\n", p.operands[0]);
		s.context = *id;
	}
	return context_block(t, s.context);
}

}  // namespace kctx::crash
