#include "probe/run/CodeSites.h"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>
#include <fnmatch.h>
#include <map>

namespace kctx::probe {

namespace {

// The lines a statement pattern names (tapsets.cxx's lineno_t): one line, one relative to
// the function's declaration (+N), a range (N-M) or every line (*).
struct LineSpec {
	enum class Kind { None, Absolute, Relative, Range, Wildcard };
	Kind kind = Kind::None;
	uint32_t lo = 0, hi = 0;
	bool ok = true;
};

std::optional<uint32_t> number(std::string_view s)
{
	uint32_t v = 0;
	auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
	if (ec != std::errc{} || end != s.data() + s.size() || s.empty())
		return std::nullopt;
	return v;
}

// "FN[@FILE[:LINE…|+REL]]" split into its parts.
struct Pattern {
	std::string function = "*";
	std::string file;   // empty: any
	LineSpec lines;
};

Pattern parse_pattern(const std::string& text)
{
	Pattern p;
	size_t at = text.find('@');
	p.function = text.substr(0, at);
	if (at == std::string::npos)
		return p;
	std::string rest = text.substr(at + 1);
	size_t colon = rest.find(':'), plus = rest.find('+');
	size_t cut = std::min(colon, plus);
	p.file = rest.substr(0, cut);
	if (cut == std::string::npos)
		return p;
	std::string ln = rest.substr(cut + 1);
	LineSpec& l = p.lines;
	if (cut == plus) {
		l.kind = LineSpec::Kind::Relative;
		std::optional<uint32_t> n = number(ln);
		l.ok = n.has_value();
		l.lo = l.hi = n.value_or(0);
		return p;
	}
	if (ln == "*") {
		l.kind = LineSpec::Kind::Wildcard;
		return p;
	}
	size_t dash = ln.find('-');
	std::optional<uint32_t> a = number(ln.substr(0, dash));
	std::optional<uint32_t> b = dash == std::string::npos ? a : number(ln.substr(dash + 1));
	l.kind = dash == std::string::npos ? LineSpec::Kind::Absolute : LineSpec::Kind::Range;
	l.ok = a && b && *a <= *b;
	l.lo = a.value_or(0);
	l.hi = b.value_or(0);
	return p;
}

std::string basename_of(const std::string& path)
{
	size_t slash = path.rfind('/');
	return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool file_matches(const std::string& glob, const std::string& file)
{
	return glob.empty() || fnmatch(glob.c_str(), file.c_str(), 0) == 0 ||
	       fnmatch(glob.c_str(), basename_of(file).c_str(), 0) == 0;
}

// A module name is a glob; a program is named by its path or its name, as stap resolves
// process("NAME") through PATH to the executable's path.
bool target_matches(const CodePoint& pt, const ModuleFunctionInfo& f)
{
	if (pt.target == CodePoint::Target::Module)
		return !f.user && fnmatch(pt.name.c_str(), f.module.c_str(), 0) == 0;
	if (!f.user)
		return false;
	std::string want = pt.name.starts_with("./") ? pt.name.substr(2) : pt.name;
	return want == f.path || want == f.module || basename_of(want) == f.module;
}

// The function's source file as pp() names it: kbuild compiles a module in its own
// directory, so its name without the scenario's path (which would depend on where kctx
// was run from).
std::string source_file(const ModuleFunctionInfo& f)
{
	const vm::Function& fn = f.program->functions[f.index];
	return fn.file < f.program->files.size() ? basename_of(f.program->files[fn.file]) : std::string();
}

std::string target_text(const CodePoint& pt, const ModuleFunctionInfo& f)
{
	if (pt.target == CodePoint::Target::Module)
		return fmt::format("module(\"{}\")", f.module);
	return fmt::format("process(\"{}\")", f.path);
}

// The pcs where each source line of f starts (several, where a line's code is split,
// as a loop's condition is), by line.
std::map<uint32_t, std::vector<uint32_t>> line_starts(const ModuleFunctionInfo& f)
{
	std::map<uint32_t, std::vector<uint32_t>> out;
	const vm::Function& fn = f.program->functions[f.index];
	for (const vm::LineEntry& le : fn.lines)
		if (le.pc < fn.code.size())
			out[le.line].push_back(le.pc);
	return out;
}

bool line_wanted(const LineSpec& l, uint32_t line, uint32_t decl_line)
{
	switch (l.kind) {
	case LineSpec::Kind::None: return false;
	case LineSpec::Kind::Absolute: return line == l.lo;
	case LineSpec::Kind::Relative: return line == decl_line + l.lo;
	case LineSpec::Kind::Range: return line >= l.lo && line <= l.hi;
	case LineSpec::Kind::Wildcard: return true;
	}
	return false;
}

// The instructions a .return probe stops before: the function's returns.
std::vector<uint32_t> return_pcs(const vm::Function& fn)
{
	std::vector<uint32_t> pcs;
	for (uint32_t pc = 0; pc < fn.code.size(); pc++)
		if (fn.code[pc].op == vm::Op::RET || fn.code[pc].op == vm::Op::RETV)
			pcs.push_back(pc);
	return pcs;
}

void match_functions(const CodePoint& pt, const Pattern& pat, std::span<const ModuleFunctionInfo> functions,
		     CodeResolution& out)
{
	bool ret = pt.suffix == "return";
	for (const ModuleFunctionInfo& f : functions) {
		if (!f.program || !target_matches(pt, f) || fnmatch(pat.function.c_str(), f.function.c_str(), 0) != 0 ||
		    !file_matches(pat.file, source_file(f)))
			continue;
		CodeMatch m;
		m.fn = &f;
		m.event = ret ? Event::FunctionReturn : Event::FunctionEntry;
		m.pp = fmt::format("{}.function(\"{}\"){}", target_text(pt, f), f.function, pt.suffix.empty() ? "" : "." + pt.suffix);
		m.pcs = ret ? return_pcs(f.program->functions[f.index]) : std::vector<uint32_t>{0};
		m.vars = vars_at(f, std::nullopt, ret);
		out.matches.push_back(std::move(m));
	}
}

void match_statements(const CodePoint& pt, const Pattern& pat, std::span<const ModuleFunctionInfo> functions,
		      CodeResolution& out)
{
	// The nearest lines with code below and above a wanted line, for stap's advice.
	uint32_t below = 0, above = 0, wanted = 0;
	std::string file_named;
	bool any_function = false;
	for (const ModuleFunctionInfo& f : functions) {
		if (!f.program || !target_matches(pt, f) || fnmatch(pat.function.c_str(), f.function.c_str(), 0) != 0 ||
		    !file_matches(pat.file, source_file(f)))
			continue;
		any_function = true;
		const vm::Function& fn = f.program->functions[f.index];
		if (pat.lines.kind == LineSpec::Kind::None) {
			// statement("FN"): the function's first instruction.
			CodeMatch m{fmt::format("{}.statement(\"{}@{}:{}\")", target_text(pt, f), f.function, source_file(f), fn.line),
				    Event::Statement, &f, {0}, vars_at(f, std::nullopt, false)};
			out.matches.push_back(std::move(m));
			continue;
		}
		wanted = pat.lines.kind == LineSpec::Kind::Relative ? fn.line + pat.lines.lo : pat.lines.lo;
		file_named = source_file(f);
		for (const auto& [line, pcs] : line_starts(f)) {
			if (line < wanted && line > below)
				below = line;
			if (line > wanted && (above == 0 || line < above))
				above = line;
			if (!line_wanted(pat.lines, line, fn.line))
				continue;
			CodeMatch m{fmt::format("{}.statement(\"{}@{}:{}\")", target_text(pt, f), f.function, source_file(f), line),
				    Event::Statement, &f, pcs, vars_at(f, pcs.front(), false)};
			out.matches.push_back(std::move(m));
		}
	}
	bool single = pat.lines.kind == LineSpec::Kind::Absolute || pat.lines.kind == LineSpec::Kind::Relative;
	if (out.matches.empty() && any_function && single) {
		// dwflpp::suggest_alternative_linenos()
		out.error = fmt::format("no line records for {}:{} [man error::dwarf]", file_named, wanted);
		if (below > 0 || above > 0) {
			out.error += " (try ";
			if (below > 0)
				out.error += fmt::format(":{}", below);
			if (below > 0 && above > 0)
				out.error += " or ";
			if (above > 0)
				out.error += fmt::format(":{}", above);
			out.error += ")";
		}
	}
}

}  // namespace

CodeResolution resolve_code_point(const CodePoint& point, std::span<const ModuleFunctionInfo> functions)
{
	CodeResolution out;
	Pattern pat = parse_pattern(point.pattern);
	if (!pat.lines.ok)
		return out;
	if (point.kind == CodePoint::Kind::Function) {
		// A function probe takes no line (stap's .function("fn@file:N") picks the
		// function there; kctx accepts the file and ignores the line).
		match_functions(point, pat, functions, out);
		return out;
	}
	match_statements(point, pat, functions, out);
	return out;
}

const vm::VarInfo* find_var(const vm::Program& program, uint32_t func, std::optional<uint32_t> pc,
			    const std::string& name)
{
	if (func >= program.function_vars.size())
		return nullptr;
	const vm::VarInfo* best = nullptr;
	for (const vm::VarInfo& v : program.function_vars[func]) {
		if (v.name != name)
			continue;
		bool visible = pc ? v.lo <= *pc && *pc < v.hi : v.depth <= 1;
		// The innermost block's wins: it starts last (a later declaration of the same
		// block cannot clash in C).
		if (visible && (!best || v.depth >= best->depth))
			best = &v;
	}
	return best;
}

std::shared_ptr<const ModuleVars> vars_at(const ModuleFunctionInfo& f, std::optional<uint32_t> pc, bool at_return)
{
	bool with_return = at_return && f.returns_value;
	auto vars = std::make_shared<ModuleVars>();
	vars->ctypes = f.ctypes;
	std::vector<bool> local;
	if (f.program && f.index < f.program->function_vars.size()) {
		for (const vm::VarInfo& v : f.program->function_vars[f.index]) {
			// At a return the locals are gone: a .return probe sees the parameters.
			if (at_return && !v.param)
				continue;
			if (std::find(vars->names.begin(), vars->names.end(), v.name) != vars->names.end())
				continue;
			if (find_var(*f.program, f.index, pc, v.name) == nullptr)
				continue;
			const vm::VarInfo& seen = *find_var(*f.program, f.index, pc, v.name);
			vars->names.push_back(seen.name);
			vars->types.push_back(seen.type);
			local.push_back(!seen.param);
		}
	}
	if (with_return) {
		vars->names.emplace_back("return");
		vars->types.emplace_back("long");
		local.push_back(false);
	}
	for (size_t i = 0; i < vars->names.size(); i++)
		vars->vars.push_back(TargetVarInfo{vars->names[i], false, vars->types[i], local[i]});
	return vars;
}

const ModuleFunctionInfo* find_program(const std::string& name, std::span<const ModuleFunctionInfo> functions)
{
	CodePoint pt{CodePoint::Target::Process, name, CodePoint::Kind::Function, "", ""};
	for (const ModuleFunctionInfo& f : functions)
		if (f.program && target_matches(pt, f))
			return &f;
	return nullptr;
}

}  // namespace kctx::probe
