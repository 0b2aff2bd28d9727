// `kctx crash FILE`: crash's session loop. Commands come from -i FILE first (as crash's
// -i), then from the terminal through readline with history, or from standard input
// when it is not a terminal; each line read without readline is echoed after the
// prompt, so a transcript reads as the session did.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <readline/history.h>
#include <readline/readline.h>
#include <string>
#include <unistd.h>

#include "base/HostFile.h"
#include "cli/Output.h"
#include "cli/Vmcore.h"
#include "crash/Json.h"
#include "crash/Session.h"
#include "crash/Tasks.h"

namespace kctx::cli {

namespace {

constexpr int kExitClean = 0;
constexpr int kExitBadInput = 2;
constexpr const char* kPrompt = "crash> ";

void print_error(const std::string& msg)
{
	std::string shown = escape_controls(msg);
	if (!shown.empty() && shown.back() != '\n')
		shown += '\n';
	std::fputs(shown.c_str(), stderr);
}

// Lines of `text`, run one by one until the session ends.
void run_script(crash::Session& s, const std::string& text)
{
	size_t pos = 0;
	while (pos < text.size() && !s.done()) {
		size_t nl = text.find('\n', pos);
		std::string line = text.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
		pos = nl == std::string::npos ? text.size() : nl + 1;
		std::fprintf(stdout, "%s%s\n", kPrompt, line.c_str());
		s.execute(line, stdout);
		std::fflush(stdout);
	}
}

void run_terminal(crash::Session& s)
{
	while (!s.done()) {
		char* raw = ::readline(kPrompt);
		if (!raw)
			break;
		std::string line(raw);
		std::free(raw);
		if (!line.empty())
			::add_history(line.c_str());
		s.execute(line, stdout);
		std::fflush(stdout);
	}
}

void run_stdin(crash::Session& s)
{
	char buf[4096];
	std::string line;
	while (!s.done() && std::fgets(buf, sizeof buf, stdin)) {
		line += buf;
		if (line.back() != '\n' && !std::feof(stdin))
			continue;   // a line longer than the buffer: keep reading it
		if (line.back() == '\n')
			line.pop_back();
		std::fprintf(stdout, "%s%s\n", kPrompt, line.c_str());
		s.execute(line, stdout);
		std::fflush(stdout);
		line.clear();
	}
}

}  // namespace

int run_crash_command(const CrashOptions& opts)
{
	Result<crash::Target> target = load_target(opts.dumpfile);
	if (!target.ok()) {
		print_error(target.error().message);
		return kExitBadInput;
	}
	if (!opts.json.empty()) {
		crash::SessionState state;
		state.target = &*target;
		state.context = crash::panic_task(*target);
		Result<std::string> answer = crash::json_answer(state, opts.json);
		if (!answer.ok()) {
			print_error(answer.error().message);
			return kExitBadInput;
		}
		std::fwrite(answer->data(), 1, answer->size(), stdout);
		return kExitClean;
	}
	std::string script;
	if (!opts.input.empty()) {
		Result<std::string> text = read_host_source(opts.input, "");
		if (!text.ok()) {
			print_error(text.error().message);
			return kExitBadInput;
		}
		script = std::move(*text);
	}
	// A pipe's command may exit before reading all of a command's output (`log | head -1`):
	// the write fails, the session goes on, as crash's does.
	std::signal(SIGPIPE, SIG_IGN);
	crash::Session session(*target, opts.kctx_version);
	std::string banner = session.banner();
	std::fwrite(banner.data(), 1, banner.size(), stdout);
	std::fflush(stdout);
	run_script(session, script);
	if (session.done())
		return kExitClean;
	if (::isatty(STDIN_FILENO))
		run_terminal(session);
	else
		run_stdin(session);
	return kExitClean;
}

}  // namespace kctx::cli
