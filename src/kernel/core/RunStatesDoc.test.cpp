// docs/run-states.md is generated from the sources: every native of core/Natives.def with
// its run state (the struct run::Name in its subsystem's RunStates.h), each resume point
// and each local with the comment that says what it means. This test regenerates the
// table and fails when the committed file differs; KCTX_UPDATE_DOCS=1 writes it instead.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p)
{
	std::ifstream in(p);
	std::stringstream ss;
	ss << in.rdbuf();
	return ss.str();
}

struct Item {
	std::string name;
	std::string comment;
};

struct RunState {
	std::string file;         // src/kernel/time/RunStates.h
	std::string comment;      // the struct's leading comment
	std::vector<Item> resume;
	std::vector<Item> fields;
};

std::string trim(std::string s)
{
	size_t b = s.find_first_not_of(" \t");
	size_t e = s.find_last_not_of(" \t");
	return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// The comment after `//` on a line, or "".
std::string line_comment(const std::string& line)
{
	size_t c = line.find("//");
	return c == std::string::npos ? "" : trim(line.substr(c + 2));
}

// Reads every `struct Name { ... };` of a RunStates.h: its leading comment, its Resume
// enumerators and its fields, each with its trailing (and continued) comment.
void parse_run_states(const fs::path& path, const std::string& rel, std::map<std::string, RunState>& out)
{
	std::istringstream in(read_file(path));
	std::vector<std::string> lines;
	for (std::string l; std::getline(in, l);)
		lines.push_back(l);
	static const std::regex kStruct(R"(^struct (\w+) \{$)");
	static const std::regex kEnumerator(R"(^\t\t(\w+),?\s*(//.*)?$)");
	static const std::regex kField(R"(^\t([\w:<>, ]+?) (\w+)(\{\}| = [^;]+)?;\s*(//.*)?$)");
	for (size_t i = 0; i < lines.size(); i++) {
		std::smatch sm;
		if (!std::regex_match(lines[i], sm, kStruct))
			continue;
		RunState rs;
		rs.file = rel;
		for (size_t j = i; j-- > 0 && lines[j].rfind("//", 0) == 0;)
			rs.comment = trim(lines[j].substr(2)) + (rs.comment.empty() ? "" : " " + rs.comment);
		std::string name = sm[1];
		bool in_enum = false;
		for (i++; i < lines.size() && lines[i] != "};"; i++) {
			const std::string& l = lines[i];
			if (l.find("enum class Resume") != std::string::npos) {
				in_enum = true;
				continue;
			}
			if (in_enum && trim(l) == "};") {
				in_enum = false;
				continue;
			}
			std::smatch m;
			bool continued = trim(l).rfind("//", 0) == 0;
			if (continued) {
				std::vector<Item>& last = in_enum ? rs.resume : rs.fields;
				if (!last.empty())
					last.back().comment += " " + line_comment(l);
				continue;
			}
			if (in_enum && std::regex_match(l, m, kEnumerator)) {
				rs.resume.push_back({m[1], line_comment(l)});
				continue;
			}
			if (!in_enum && std::regex_match(l, m, kField) && m[2] != "resume") {
				rs.fields.push_back({std::string(m[2]) + " (" + trim(m[1]) + ")", line_comment(l)});
			}
		}
		out[name] = rs;
	}
}

struct Native {
	std::string name, symbol, step;
};

std::vector<Native> natives(const fs::path& def)
{
	std::vector<Native> out;
	static const std::regex kLine(R"~(^KCTX_NATIVE\((\w+),\s*"([^"]+)",\s*\w+,\s*(\w+),)~");
	std::istringstream in(read_file(def));
	for (std::string l; std::getline(in, l);) {
		std::smatch m;
		if (std::regex_search(l, m, kLine))
			out.push_back({m[1], m[2], m[3]});
	}
	return out;
}

// The transitions between resume points as the step function's code reads: an assignment
// `resume = ...::To` under a `case ...::From:` label or an `if (... == ...::From)` test.
// "any": an assignment outside such a test, reached from every state.
std::vector<std::string> transitions(const fs::path& src_dir, const std::string& step)
{
	static const std::regex kFrom(R"((?:case [\w:]*Resume::|case R::|== [\w:]*Resume::|== R::)(\w+))");
	static const std::regex kTo(R"(resume = [\w:]*?(?:Resume|R)::(\w+))");
	std::vector<std::string> out;
	for (const auto& e : fs::recursive_directory_iterator(src_dir)) {
		if (e.path().extension() != ".cpp" || e.path().string().find(".test.") != std::string::npos)
			continue;
		std::string text = read_file(e.path());
		size_t at = text.find("void Kernel::" + step + "(");
		if (at == std::string::npos)
			continue;
		size_t end = text.find("\n}\n", at);
		std::istringstream body(text.substr(at, end - at));
		// A `case` label holds until the next label or the end of its switch; an `if`
		// test until its block closes (or, without braces, for its one statement).
		std::string from = "any";
		int depth = 0, from_depth = 0;
		bool one_statement = false;
		for (std::string l; std::getline(body, l);) {
			std::smatch m;
			bool labelled = std::regex_search(l, m, kFrom);
			if (labelled) {
				from = m[1];
				from_depth = depth + (l.find('{') != std::string::npos && l.find("case ") == std::string::npos ? 1 : 0);
				one_statement = l.find("if (") != std::string::npos && l.find('{') == std::string::npos;
			}
			if (std::regex_search(l, m, kTo)) {
				std::string t = from + " → " + std::string(m[1]);
				if (std::find(out.begin(), out.end(), t) == out.end())
					out.push_back(t);
			}
			depth += static_cast<int>(std::count(l.begin(), l.end(), '{')) - static_cast<int>(std::count(l.begin(), l.end(), '}'));
			if (!labelled && (depth < from_depth || one_statement)) {
				from = "any";
				one_statement = false;
			}
		}
	}
	return out;
}

std::string escape(std::string s)
{
	for (size_t p = 0; (p = s.find('|', p)) != std::string::npos; p += 2)
		s.replace(p, 1, "\\|");
	return s;
}

std::string generate(const fs::path& repo, std::vector<std::string>& problems)
{
	std::map<std::string, RunState> states;
	for (const auto& e : fs::recursive_directory_iterator(repo / "src/kernel"))
		if (e.path().filename() == "RunStates.h" && e.path().parent_path().filename() != "core")
			parse_run_states(e.path(), fs::relative(e.path(), repo).generic_string(), states);
	std::string out =
		"# Native run states\n\n"
		"Generated from src/kernel/core/Natives.def and the subsystems' RunStates.h by\n"
		"src/kernel/core/RunStatesDoc.test.cpp (`KCTX_UPDATE_DOCS=1 ctest -R RunStatesDoc` rewrites\n"
		"it). A native kernel function runs as a frame on a task's kernel stack; its run state\n"
		"is where it resumes (`Resume`) and its locals, plain data in the Machine. A native whose\n"
		"state lists no resume points finishes, or pushes its callee, in one step.\n";
	for (const Native& n : natives(repo / "src/kernel/core/Natives.def")) {
		out += "\n## " + n.name + " — `" + n.symbol + "`\n\n";
		auto it = states.find(n.name);
		if (it == states.end()) {
			problems.push_back("no run state for " + n.name);
			continue;
		}
		const RunState& rs = it->second;
		if (!rs.comment.empty())
			out += rs.comment + "\n\n";
		out += "Defined in " + rs.file + ".\n";
		if (!rs.resume.empty()) {
			out += "\n| resume point | what it means |\n|---|---|\n";
			for (const Item& r : rs.resume) {
				out += "| `" + r.name + "` | " + escape(r.comment) + " |\n";
				if (r.comment.empty())
					problems.push_back(n.name + "::Resume::" + r.name + " has no comment saying what it means");
			}
			std::string joined;
			for (const std::string& t : transitions(repo / "src/kernel", n.step))
				joined += (joined.empty() ? "" : ", ") + t;
			if (!joined.empty())
				out += "\nTransitions (`" + n.step + "`): " + joined + ".\n";
		}
		if (!rs.fields.empty()) {
			out += "\n| local | what it holds |\n|---|---|\n";
			for (const Item& f : rs.fields)
				out += "| `" + f.name + "` | " + escape(f.comment) + " |\n";
		}
	}
	return out;
}

TEST(RunStatesDoc, MatchesTheSources)
{
	fs::path repo = KCTX_SOURCE_DIR;
	std::vector<std::string> problems;
	std::string doc = generate(repo, problems);
	for (const std::string& p : problems)
		ADD_FAILURE() << p;
	fs::path path = repo / "docs/run-states.md";
	if (std::getenv("KCTX_UPDATE_DOCS")) {
		std::ofstream(path) << doc;
		return;
	}
	EXPECT_EQ(read_file(path), doc) << "docs/run-states.md is out of date: run KCTX_UPDATE_DOCS=1 ctest -R RunStatesDoc";
}

}  // namespace
