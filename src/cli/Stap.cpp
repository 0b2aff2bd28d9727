#include "cli/Stap.h"

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "probe/FrontEnd.h"

namespace kctx::cli {

namespace {

constexpr int kStapFailed = 1;  // stap's own status for a failed pass
constexpr int kBadUsage = 2;

bool read_script(const std::string& path, std::string& text)
{
	if (path == "-") {
		text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
		return true;
	}
	std::ifstream in(path, std::ios::binary);
	if (!in)
		return false;
	std::ostringstream s;
	s << in.rdbuf();
	text = s.str();
	return true;
}

}  // namespace

void add_stap_command(CLI::App& app, StapOptions& opts)
{
	CLI::App* stap = app.add_subcommand(
		"stap", "Run a SystemTap 4.8 script; -p1 parses it and prints the parse tree as stap -p1 does");
	stap->add_option("-p", opts.pass, "Stop after pass N (only 1, the parse, exists so far)")
		->check(CLI::Range(1, 5));
	stap->add_option("-e", opts.script_text, "The script text itself instead of a file")
		->each([&opts](const std::string&) { opts.has_script_text = true; });
	stap->add_option("SCRIPT_AND_ARGS", opts.rest,
			 "The script file (- for stdin) unless -e is given, then the arguments $1/@1, $2/@2 ... "
			 "(put -- before arguments that start with '-')");
	opts.command = stap;
}

int run_stap_command(const StapOptions& opts)
{
	if (opts.pass != 1) {
		std::fputs("kctx stap: only pass 1 (-p1) is implemented so far\n", stderr);
		return kBadUsage;
	}
	probe::ScriptInput input;
	std::vector<std::string> rest = opts.rest;
	if (opts.has_script_text) {
		input.name = "<input>";
		input.text = opts.script_text;
	} else {
		if (rest.empty()) {
			std::fputs("kctx stap: a script file or -e SCRIPT is required\n", stderr);
			return kBadUsage;
		}
		input.name = rest.front() == "-" ? "<input>" : rest.front();
		if (!read_script(rest.front(), input.text)) {
			std::fprintf(stderr, "Input file '%s' can't be opened for reading.\n", rest.front().c_str());
			return kStapFailed;
		}
		rest.erase(rest.begin());
	}
	input.args = std::move(rest);
	probe::Pass1 result = probe::run_pass1(input);
	std::fwrite(result.out.data(), 1, result.out.size(), stdout);
	std::fwrite(result.err.data(), 1, result.err.size(), stderr);
	return result.ok ? 0 : kStapFailed;
}

}  // namespace kctx::cli
