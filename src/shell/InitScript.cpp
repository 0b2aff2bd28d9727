#include "shell/InitScript.h"

#include <algorithm>

#include "shell/Applets.h"
#include "shell/Script.h"

namespace kctx::shell {

namespace {

// Passes the diagnostics of one compilation on in the order of the script's lines: the
// stages each find their own kind of error (the lexer a bad quote on line 14, the
// planner an unknown command on line 4), and a reader wants them top to bottom. A
// note stays behind the diagnostic it explains.
void forward_in_line_order(const DiagnosticSink& from, DiagnosticSink& to)
{
	std::vector<std::vector<Diagnostic>> groups;
	for (const Diagnostic& d : from.all()) {
		if (d.severity != Severity::Note || groups.empty())
			groups.emplace_back();
		groups.back().push_back(d);
	}
	std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
		const SourceLoc& x = a.front().loc;
		const SourceLoc& y = b.front().loc;
		return x.line != y.line ? x.line < y.line : x.col < y.col;
	});
	for (const auto& group : groups) {
		for (const Diagnostic& d : group) {
			switch (d.severity) {
			case Severity::Error: to.error(d.loc, d.message, d.length); break;
			case Severity::Warning: to.warning(d.loc, d.message, d.length, d.flag); break;
			case Severity::Note: to.note(d.loc, d.message, d.length); break;
			}
		}
	}
}

}   // namespace

std::optional<InitScript> compile_init_script(const SourceSet& sources, uint32_t file, DiagnosticSink& diags)
{
	DiagnosticSink local;
	InitScript script;
	parse_header(sources, file, local, script.settings);
	std::vector<Command> commands = parse_commands(sources, file, local);
	// The shell names itself after its script in messages ("init.sh: line 9: ..."),
	// whatever directory the scenario is in.
	std::string name = sources.file(file).name;
	name = name.substr(name.rfind('/') == std::string::npos ? 0 : name.rfind('/') + 1);
	ScriptPlan plan = plan_script(commands, name, local);
	forward_in_line_order(local, diags);
	if (local.has_errors())
		return std::nullopt;
	script.programs = plan.programs;
	script.modules = plan.modules;
	script.commands = static_cast<uint32_t>(commands.size());
	script.program_uses = plan.program_uses;
	script.stap_scripts = plan.stap_scripts;
	script.stap_script_uses = plan.stap_script_uses;
	script.module_uses = plan.module_uses;
	for (const std::string& a : plan.applets)
		script.applets.push_back({a, applet_source(a)});
	script.c_source = generate_c(plan);
	return script;
}

}   // namespace kctx::shell
