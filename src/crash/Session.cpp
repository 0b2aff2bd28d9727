#include "crash/Session.h"

#include <fmt/format.h>

#include "crash/Tasks.h"

namespace kctx::crash {

namespace {

// Where an output redirection starts: the first '|' or '>' outside quotes.
size_t redirect_at(std::string_view line)
{
	char quote = 0;
	for (size_t i = 0; i < line.size(); i++) {
		char c = line[i];
		if (quote) {
			if (c == quote)
				quote = 0;
		} else if (c == '\'' || c == '"') {
			quote = c;
		} else if (c == '|' || c == '>') {
			return i;
		}
	}
	return std::string_view::npos;
}

std::string_view trim(std::string_view s)
{
	while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
		s.remove_prefix(1);
	while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
		s.remove_suffix(1);
	return s;
}

}  // namespace

Args split_words(std::string_view line)
{
	Args words;
	std::string word;
	bool in_word = false;
	char quote = 0;
	for (char c : line) {
		if (quote) {
			if (c == quote)
				quote = 0;
			else
				word += c;
			continue;
		}
		if (c == '\'' || c == '"') {
			quote = c;
			in_word = true;
		} else if (c == ' ' || c == '\t') {
			if (in_word)
				words.push_back(std::move(word));
			word.clear();
			in_word = false;
		} else {
			word += c;
			in_word = true;
		}
	}
	if (in_word)
		words.push_back(std::move(word));
	return words;
}

Session::Session(const Target& target, std::string kctx_version) : m_kctx_version(std::move(kctx_version))
{
	m_state.target = &target;
	m_state.context = panic_task(target);
}

std::string Session::banner() const
{
	// crash prints its version and gdb's before the system data; kctx is neither, so it
	// says whose implementation of crash's interface this is.
	std::string out = fmt::format("\ncrash {}  ({}: crash's commands on {})\n\n", kCrashVersion, m_kctx_version,
				      m_state.target->live ? "the live kctx machine" : "a kctx vmcore");
	SessionState copy = m_state;
	out += cmd_sys(copy, {"sys"});
	out += context_block(*m_state.target, m_state.context);
	return out + "\n";
}

std::string Session::run(std::string_view line)
{
	Args words = split_words(line);
	if (words.empty())
		return {};
	const CommandInfo* c = find_command(words[0]);
	// crash hands an unknown word to gdb, which does not know it either.
	if (!c)
		return fmt::format("crash: command not found: {}\n", words[0]);
	return c->handler(m_state, words);
}

void Session::execute(std::string_view line, std::FILE* out)
{
	line = trim(line);
	if (line.empty() || line.front() == '#')
		return;
	size_t at = redirect_at(line);
	std::string text = run(trim(line.substr(0, at)));
	if (at == std::string_view::npos) {
		std::fwrite(text.data(), 1, text.size(), out);
		return;
	}
	std::string_view rest = line.substr(at);
	if (rest.front() == '|') {
		// crash pipes the output through the shell, as `ps | grep cst` expects.
		std::string command(trim(rest.substr(1)));
		std::fflush(out);
		std::FILE* p = ::popen(command.c_str(), "w");
		if (!p) {
			std::fprintf(out, "crash: cannot open pipe to: %s\n", command.c_str());
			return;
		}
		std::fwrite(text.data(), 1, text.size(), p);
		::pclose(p);
		return;
	}
	bool append = rest.starts_with(">>");
	std::string path(trim(rest.substr(append ? 2 : 1)));
	if (path.empty()) {
		std::fprintf(out, "crash: no file name after >\n");
		return;
	}
	std::FILE* f = std::fopen(path.c_str(), append ? "a" : "w");
	if (!f) {
		std::fprintf(out, "crash: %s: cannot open\n", path.c_str());
		return;
	}
	std::fwrite(text.data(), 1, text.size(), f);
	std::fclose(f);
}

}  // namespace kctx::crash
