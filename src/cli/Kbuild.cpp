#include "cli/Kbuild.h"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <sstream>

#include "cli/Scenario.h"

namespace kctx::cli {

namespace fs = std::filesystem;

const KbuildModule* Kbuild::find(std::string_view name) const
{
	for (const KbuildModule& m : modules)
		if (m.name == name)
			return &m;
	return nullptr;
}

namespace {

std::string trim(std::string_view s)
{
	size_t b = s.find_first_not_of(" \t\r");
	if (b == std::string_view::npos)
		return "";
	size_t e = s.find_last_not_of(" \t\r");
	return std::string(s.substr(b, e - b + 1));
}

std::vector<std::string> words(std::string_view s)
{
	std::vector<std::string> out;
	std::istringstream in{std::string(s)};
	for (std::string w; in >> w;)
		out.push_back(w);
	return out;
}

// The subset of GNU make a Kbuild file of an external module uses: variables (=, :=,
// ::=, +=, ?=; `export` and `override` prefixes), $(VAR)/${VAR}/$V references,
// $(shell pwd) and $(shell uname -r), and ifeq/ifneq/ifdef/ifndef/else/endif. Every
// other line (rules, their recipes, include, define blocks) is read and ignored: kctx
// builds the modules itself.
class MakeReader {
public:
	MakeReader(const std::string& dir, const std::string& release) : m_dir(dir), m_release(release)
	{
		// What Kbuild's environment has when it reads the file for `make M=dir modules`.
		m_vars["KERNELRELEASE"] = release;
		m_vars["src"] = dir;
		m_vars["obj"] = dir;
		m_vars["M"] = dir;
		m_vars["PWD"] = dir;
		m_vars["CURDIR"] = dir;
		m_vars["KBUILD_EXTMOD"] = dir;
	}

	void read(const std::string& text)
	{
		std::vector<std::string> lines = logical_lines(text);
		for (const std::string& raw : lines) {
			if (m_in_define) {
				if (trim(raw).starts_with("endef"))
					m_in_define = false;
				continue;
			}
			if (!raw.empty() && raw[0] == '\t')
				continue;   // a recipe
			std::string line = trim(strip_comment(raw));
			if (line.empty() || conditional(line) || !active())
				continue;
			assignment(line);
		}
	}

	[[nodiscard]] std::string get(const std::string& name) const
	{
		auto it = m_vars.find(name);
		return it == m_vars.end() ? "" : it->second;
	}

private:
	static std::vector<std::string> logical_lines(const std::string& text)
	{
		std::vector<std::string> out;
		std::string cur;
		std::istringstream in(text);
		for (std::string line; std::getline(in, line);) {
			if (!line.empty() && line.back() == '\r')
				line.pop_back();
			if (!line.empty() && line.back() == '\\') {
				line.pop_back();
				cur += line + " ";
				continue;
			}
			out.push_back(cur + line);
			cur.clear();
		}
		if (!cur.empty())
			out.push_back(cur);
		return out;
	}

	static std::string strip_comment(const std::string& line)
	{
		for (size_t i = 0; i < line.size(); i++) {
			if (line[i] == '\\') {
				i++;
				continue;
			}
			if (line[i] == '#')
				return line.substr(0, i);
		}
		return line;
	}

	[[nodiscard]] bool active() const
	{
		return std::all_of(m_conds.begin(), m_conds.end(), [](const Cond& c) { return c.taking; });
	}

	// $(shell ...) for the commands Kbuild boilerplate runs.
	std::string shell(const std::string& cmd) const
	{
		std::string c = trim(cmd);
		if (c == "pwd")
			return m_dir;
		if (c == "uname -r")
			return m_release;
		return "";
	}

	std::string expand(std::string_view s, int depth = 0) const
	{
		std::string out;
		for (size_t i = 0; i < s.size(); i++) {
			if (s[i] != '$' || i + 1 >= s.size()) {
				out += s[i];
				continue;
			}
			char open = s[i + 1];
			if (open == '$') {
				out += '$';
				i++;
				continue;
			}
			if (open != '(' && open != '{') {
				out += depth < 16 ? get(std::string(1, open)) : "";
				i++;
				continue;
			}
			char close = open == '(' ? ')' : '}';
			int level = 0;
			size_t j = i + 1;
			for (; j < s.size(); j++) {
				if (s[j] == open)
					level++;
				else if (s[j] == close && --level == 0)
					break;
			}
			std::string inner(s.substr(i + 2, j - i - 2));
			i = j;
			if (depth >= 16)
				continue;
			std::string name = expand(inner, depth + 1);
			if (name.starts_with("shell "))
				out += shell(name.substr(6));
			else if (name.find(' ') == std::string::npos)
				out += get(name);
			// Other make functions ($(patsubst …), $(wildcard …)) expand to nothing.
		}
		return out;
	}

	// ifeq (a,b), ifeq "a" "b", ifneq, ifdef VAR, ifndef VAR, else [if…], endif.
	bool conditional(const std::string& line)
	{
		std::vector<std::string> w = words(line);
		const std::string& kw = w[0];
		if (kw == "endif") {
			if (!m_conds.empty())
				m_conds.pop_back();
			return true;
		}
		if (kw == "else") {
			if (m_conds.empty())
				return true;
			Cond& c = m_conds.back();
			std::string rest = trim(line.substr(4));
			if (c.done) {
				c.taking = false;
				return true;
			}
			c.taking = rest.empty() ? true : test(rest);
			c.done = c.taking;
			return true;
		}
		if (kw != "ifeq" && kw != "ifneq" && kw != "ifdef" && kw != "ifndef")
			return false;
		bool v = test(line);
		m_conds.push_back({v, v});
		return true;
	}

	bool test(const std::string& line) const
	{
		std::vector<std::string> w = words(line);
		std::string kw = w[0];
		std::string rest = trim(line.substr(kw.size()));
		if (kw == "ifdef" || kw == "ifndef") {
			bool defined = !trim(get(expand(rest))).empty();
			return kw == "ifdef" ? defined : !defined;
		}
		std::string a, b;
		if (!rest.empty() && rest.front() == '(' && rest.back() == ')') {
			std::string inner = rest.substr(1, rest.size() - 2);
			// The comma that splits the two arguments is the one outside any $(…).
			int level = 0;
			size_t comma = std::string::npos;
			for (size_t i = 0; i < inner.size() && comma == std::string::npos; i++) {
				if (inner[i] == '(' || inner[i] == '{')
					level++;
				else if (inner[i] == ')' || inner[i] == '}')
					level--;
				else if (inner[i] == ',' && level == 0)
					comma = i;
			}
			if (comma == std::string::npos)
				return false;
			a = trim(expand(inner.substr(0, comma)));
			b = trim(expand(inner.substr(comma + 1)));
		} else {
			std::vector<std::string> q = words(rest);
			auto unquote = [](std::string s) {
				if (s.size() >= 2 && (s.front() == '"' || s.front() == '\''))
					s = s.substr(1, s.size() - 2);
				return s;
			};
			a = q.size() > 0 ? expand(unquote(q[0])) : "";
			b = q.size() > 1 ? expand(unquote(q[1])) : "";
		}
		return kw == "ifeq" ? a == b : a != b;
	}

	void assignment(std::string line)
	{
		for (std::string_view prefix : {"export ", "override "})
			if (line.starts_with(prefix))
				line = trim(line.substr(prefix.size()));
		if (line.starts_with("define ")) {
			m_in_define = true;
			return;
		}
		// The first of =, :=, ::=, +=, ?= that comes before any ':' of a rule.
		size_t eq = line.find('=');
		if (eq == std::string::npos || eq == 0)
			return;
		size_t colon = line.find(':');
		char op = line[eq - 1];
		size_t name_end = eq;
		if (op == ':' || op == '+' || op == '?')
			name_end = eq - 1;
		if (op == ':' && name_end > 0 && line[name_end - 1] == ':')
			name_end--;
		if (colon != std::string::npos && colon < name_end)
			return;   // a rule (target: prerequisites) or a target-specific variable
		std::string name = trim(expand(line.substr(0, name_end)));
		std::string value = expand(trim(line.substr(eq + 1)));
		if (name.empty() || name.find(' ') != std::string::npos)
			return;
		if (op == '+') {
			std::string& v = m_vars[name];
			v = v.empty() ? value : v + " " + value;
		} else if (op == '?') {
			if (!m_vars.count(name))
				m_vars[name] = value;
		} else {
			m_vars[name] = value;
		}
	}

	struct Cond {
		bool taking = true;   // the current branch is read
		bool done = false;    // some branch was taken
	};
	std::string m_dir, m_release;
	std::map<std::string, std::string> m_vars;
	std::vector<Cond> m_conds;
	bool m_in_define = false;
};

// -I DIR, -IDIR, -D NAME[=VALUE], -DNAME[=VALUE] into `include_dirs` and `defines`; the
// pointer-type warning switches into kb; other flags mean nothing to kctx.
void read_flags(const std::string& flags, const std::string& dir, Kbuild& kb, std::vector<std::string>& include_dirs,
		std::vector<std::pair<std::string, std::string>>& defines)
{
	std::vector<std::string> w = words(flags);
	for (size_t i = 0; i < w.size(); i++) {
		std::string f = w[i];
		if (f == "-Wno-error=incompatible-pointer-types")
			kb.incompatible_pointer_types = Kbuild::PointerTypes::Warning;
		if (f == "-Wno-incompatible-pointer-types")
			kb.incompatible_pointer_types = Kbuild::PointerTypes::Ignore;
		bool inc = f.starts_with("-I"), def = f.starts_with("-D");
		if (!inc && !def)
			continue;
		std::string arg = f.substr(2);
		if (arg.empty() && i + 1 < w.size())
			arg = w[++i];
		if (arg.empty())
			continue;
		if (inc) {
			// $(src)/inc has the directory already (also $(PWD)/../include, whose ".."
			// leaves it: the test is on the path as written); a bare relative path is
			// taken as relative to the module's directory.
			fs::path a = fs::path(arg), d = fs::path(dir).lexically_normal();
			bool under_dir = a.is_absolute() || a.lexically_normal() == d ||
					 a.string().starts_with(d.string() + "/") ||
					 (d.string().ends_with("/") && a.string().starts_with(d.string()));
			std::string p = under_dir ? arg : (fs::path(dir) / arg).string();
			p = fs::path(p).lexically_normal().string();
			while (p.size() > 1 && p.back() == '/')
				p.pop_back();
			include_dirs.push_back(p);
			continue;
		}
		size_t eq = arg.find('=');
		if (eq == std::string::npos)
			defines.push_back({arg, "1"});
		else
			defines.push_back({arg.substr(0, eq), arg.substr(eq + 1)});
	}
}

}  // namespace

Kbuild parse_kbuild(const std::string& path, const std::string& text, const std::string& dir,
		    const std::string& release)
{
	MakeReader r(dir, release);
	r.read(text);
	Kbuild kb;
	kb.path = path;
	// scripts/Makefile.build: obj-m lists the modules, NAME-objs or NAME-y (and NAME-m)
	// the objects a composite module links.
	for (const std::string& obj : words(r.get("obj-m"))) {
		if (!obj.ends_with(".o"))
			continue;
		KbuildModule m;
		m.name = obj.substr(0, obj.size() - 2);
		if (kb.find(m.name))
			continue;
		std::vector<std::string> parts = words(r.get(m.name + "-objs"));
		for (const char* suffix : {"-y", "-m"})
			for (const std::string& o : words(r.get(m.name + suffix)))
				parts.push_back(o);
		for (const std::string& o : parts)
			if (o.ends_with(".o"))
				m.sources.push_back(o.substr(0, o.size() - 2) + ".c");
		if (m.sources.empty())
			m.sources.push_back(m.name + ".c");
		kb.modules.push_back(std::move(m));
	}
	for (const char* v : {"ccflags-y", "ccflags-m", "subdir-ccflags-y", "EXTRA_CFLAGS"})
		read_flags(r.get(v), dir, kb, kb.include_dirs, kb.defines);
	// make's built-in rule for a program: $(CC) $(CPPFLAGS) $(CFLAGS) (GNU make's
	// COMPILE.c); the pointer-type switches there are the programs', not the modules'.
	Kbuild programs;
	for (const char* v : {"CPPFLAGS", "CFLAGS"})
		read_flags(r.get(v), dir, programs, kb.program_include_dirs, kb.program_defines);
	return kb;
}

Result<std::optional<Kbuild>> read_kbuild(const std::string& dir, const std::string& release)
{
	std::error_code ec;
	for (const char* name : {"Kbuild", "Makefile"}) {
		std::string path = (fs::path(dir) / name).string();
		// A Kbuild that is a symlink out of the scenario or a FIFO is refused, not skipped.
		if (fs::symlink_status(path, ec).type() == fs::file_type::not_found)
			continue;
		std::string text = KCTX_TRY(read_file(path, dir));
		Kbuild kb = parse_kbuild(path, text, dir, release);
		if (kb.modules.empty())
			continue;
		return std::optional<Kbuild>(std::move(kb));
	}
	return std::optional<Kbuild>();
}

}  // namespace kctx::cli
