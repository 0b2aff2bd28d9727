#include "cli/StapSession.h"

#include <fmt/format.h>

#include "cli/StapTypes.h"
#include "lang/Ast.h"
#include "lang/Compiler.h"
#include "lang/Type.h"
#include "probe/FrontEnd.h"
#include "probe/attach/CodeVars.h"
#include "probe/run/Resolve.h"
#include "trace/Syscalls.h"

namespace kctx::cli {

namespace {

constexpr int kStapFailed = 1;  // stap's own status for a failed pass or run
constexpr int kBadUsage = 2;

// -D NAME=VALUE for the limits stap's runtime reads; other names are accepted and have no
// effect, as a -D the generated module never tests.
Result<probe::Limits> parse_defines(const std::vector<std::string>& defines)
{
	probe::Limits limits;
	for (const std::string& d : defines) {
		size_t eq = d.find('=');
		std::string name = d.substr(0, eq);
		if (eq == std::string::npos || eq == 0)
			return Error{fmt::format("-D {}: expected NAME=VALUE", d)};
		std::string value = d.substr(eq + 1);
		char* end = nullptr;
		long long n = std::strtoll(value.c_str(), &end, 0);
		// The caps keep a script's host time and memory bounded: a hit runs at most 10M
		// statements, an array holds at most 1M entries, a string 64 KiB.
		struct Limit {
			const char* name;
			int64_t* into;
			long long max;
		};
		const Limit table[] = {{"MAXACTION", &limits.maxaction, 10'000'000},
				       {"MAXMAPENTRIES", &limits.maxmapentries, 1'000'000},
				       {"MAXSTRINGLEN", &limits.maxstringlen, 65'536}};
		const Limit* lim = nullptr;
		for (const Limit& l : table)
			if (name == l.name)
				lim = &l;
		if (!lim)
			continue;
		if (value.empty() || *end != '\0' || n < 1 || n > lim->max)
			return Error{fmt::format("-D {}: {} must be a number from 1 to {}", d, name, lim->max)};
		int64_t* into = lim->into;
		*into = n;
	}
	return limits;
}

Result<std::vector<std::pair<std::string, std::string>>> parse_globals(const std::vector<std::string>& globals)
{
	std::vector<std::pair<std::string, std::string>> out;
	for (const std::string& g : globals) {
		size_t eq = g.find('=');
		if (eq == std::string::npos || eq == 0)
			return Error{fmt::format("-G {}: expected NAME=VALUE", g)};
		out.emplace_back(g.substr(0, eq), g.substr(eq + 1));
	}
	return out;
}

std::vector<std::string_view> syscall_names()
{
	std::vector<std::string_view> names;
	for (const trace::SyscallInfo& s : trace::syscall_table())
		names.push_back(s.name);
	return names;
}

// The parameter names of module function `name`, from its module's parsed source.
std::vector<std::string> parameter_names(const lang::ParsedUnit* unit, const std::string& name)
{
	std::vector<std::string> out;
	if (!unit)
		return out;
	for (const lang::FunctionDef* f : unit->unit.functions)
		if (f && f->sym && f->sym->name == name) {
			for (const lang::Symbol* p : f->params)
				out.push_back(p ? p->name : std::string());
			break;
		}
	return out;
}

// The objects with static storage of the scenario's modules (@var), typed from their
// parsed source and placed by their program's symbol table.
// Each module's C types (by Code::modules index; null without its parsed source): one
// table per module, shared by its functions' and its objects' target variables.
// The same for the scenario's programs, by Code::programs index.
struct CodeTypes {
	std::vector<std::shared_ptr<const probe::CTypes>> modules, programs;
};

std::vector<std::shared_ptr<const probe::CTypes>> unit_types(std::span<const std::shared_ptr<const lang::ParsedUnit>> units,
							     size_t count)
{
	std::vector<std::shared_ptr<const probe::CTypes>> out;
	for (size_t i = 0; i < count; i++)
		out.push_back(i < units.size() && units[i] ? stap_types(units[i]->unit) : nullptr);
	return out;
}

CodeTypes code_types(const StapMachine& target)
{
	if (!target.code)
		return {};
	return {unit_types(target.units.modules, target.code->modules.size()),
		unit_types(target.units.programs, target.code->programs.size())};
}

std::vector<probe::ModuleGlobalInfo> static_objects(const StapMachine& target,
						    std::span<const std::shared_ptr<const probe::CTypes>> types)
{
	std::vector<probe::ModuleGlobalInfo> out;
	if (!target.code)
		return out;
	for (size_t i = 0; i < target.code->modules.size() && i < target.units.modules.size(); i++) {
		const vm::ProgramRef& mod = target.code->modules[i];
		if (!target.units.modules[i] || !mod)
			continue;
		for (const lang::Symbol* o : target.units.modules[i]->unit.objects) {
			if (!o || o->kind != lang::SymKind::Var || !o->type)
				continue;
			const vm::Global* g = mod->find_global(o->global_name.empty() ? o->name : o->global_name);
			if (!g)
				continue;
			bool scalar = o->type->is_scalar();
			out.push_back({mod->name, o->global_name.empty() ? o->name : o->global_name, mod.get(), g->offset,
				       static_cast<uint8_t>(scalar ? o->type->size() : 8), scalar && o->type->is_signed(), scalar,
				       lang::type_name(o->type), types[i]});
		}
	}
	return out;
}

// module("NAME").function() and .statement(): the functions of the scenario's modules;
// process("PATH"): those of its programs (none without code).
std::vector<probe::ModuleFunctionInfo> code_functions(const StapMachine& target, const CodeTypes& types)
{
	std::vector<probe::ModuleFunctionInfo> module_functions;
	if (target.code) {
		for (size_t i = 0; i < target.code->modules.size(); i++) {
			const vm::ProgramRef& mod = target.code->modules[i];
			const lang::ParsedUnit* unit = i < target.units.modules.size() ? target.units.modules[i].get() : nullptr;
			for (uint32_t f = 0; f < mod->functions.size(); f++) {
				const vm::Function& fn = mod->functions[f];
				module_functions.push_back({mod->name, fn.name, fn.returns_value, parameter_names(unit, fn.name),
							    mod.get(), f, false, {}, types.modules[i]});
			}
		}
		for (size_t i = 0; i < target.code->programs.size(); i++) {
			const vm::ProgramRef& prog = target.code->programs[i];
			const lang::ParsedUnit* unit = i < target.units.programs.size() ? target.units.programs[i].get() : nullptr;
			for (uint32_t f = 0; prog && f < prog->functions.size(); f++) {
				const vm::Function& fn = prog->functions[f];
				module_functions.push_back({prog->name, fn.name, fn.returns_value, parameter_names(unit, fn.name),
							    prog.get(), f, true, probe::program_path(prog->name), types.programs[i]});
			}
		}
	}
	return module_functions;
}

StapPrepared usage(const std::string& prefix, const std::string& msg)
{
	StapPrepared p;
	p.status = kBadUsage;
	p.err = fmt::format("{}: {}\n", prefix, msg);
	return p;
}

}  // namespace

StapPrepared prepare_stap(const StapOptions& opts, const StapScriptReader& read, const StapMachineFn& machine,
			  const std::string& prefix)
{
	StapPrepared p;
	std::vector<std::string_view> syscalls = syscall_names();
	if (!opts.list.empty() || !opts.list_vars.empty()) {
		bool vars = !opts.list_vars.empty();
		// With --run, the scenario's module and program functions too.
		Result<StapMachine> target = machine();
		std::vector<probe::ModuleFunctionInfo> functions;
		if (target.ok())
			functions = code_functions(*target, code_types(*target));
		p.out = probe::list_probe_points(vars ? opts.list_vars : opts.list, vars, syscalls, functions);
		return p;
	}
	probe::ScriptInput input;
	std::vector<std::string> rest = opts.rest;
	if (opts.has_script_text) {
		input.name = "<input>";
		input.text = opts.script_text;
	} else {
		if (rest.empty())
			return usage(prefix, "a script file or -e SCRIPT is required");
		input.name = rest.front() == "-" ? "<input>" : rest.front();
		if (!read(rest.front(), input.text)) {
			p.status = kStapFailed;
			p.err = fmt::format("Input file '{}' can't be opened for reading.\n", rest.front());
			return p;
		}
		rest.erase(rest.begin());
	}
	input.args = std::move(rest);
	probe::Pass1 pass1 = probe::run_pass1(input);
	if (opts.pass == 1 || !pass1.ok) {
		p.out = pass1.out;
		p.err = pass1.err;
		p.status = pass1.ok ? 0 : kStapFailed;
		return p;
	}
	Result<probe::Limits> limits = parse_defines(opts.defines);
	if (!limits.ok())
		return usage(prefix, limits.error().message);
	auto globals = parse_globals(opts.globals);
	if (!globals.ok())
		return usage(prefix, globals.error().message);
	Result<StapMachine> target = machine();
	if (!target.ok()) {
		p.status = kBadUsage;
		p.err = target.error().message;
		if (!p.err.ends_with("\n"))
			p.err += "\n";
		return p;
	}
	CodeTypes types = code_types(*target);
	std::vector<probe::ModuleFunctionInfo> module_functions = code_functions(*target, types);
	std::vector<probe::ModuleGlobalInfo> module_globals = static_objects(*target, types.modules);
	probe::Resolved resolved = probe::resolve(pass1.script, target->hz, syscalls, module_functions, module_globals);
	if (!resolved.ok) {
		p.err = resolved.err;
		p.status = kStapFailed;
		return p;
	}
	if (opts.pass == 2) {
		p.out = "# probes\n" + resolved.listing;
		return p;
	}
	if (opts.pass >= 3)
		return usage(prefix, "passes 3 and 4 (translate, compile) do not exist in kctx: the script is interpreted");
	probe::SessionOptions so{*limits, std::move(*globals), opts.no_warnings};
	p.session = std::make_unique<probe::Session>(std::move(pass1), std::move(resolved), std::move(so));
	return p;
}

StapRun::StapRun(std::unique_ptr<probe::Session> session, const kernel::Kernel& k, const kernel::Code* code)
	: m_session(std::move(session)), m_probes(*m_session, k, code)
{
}

void StapRun::start(uint32_t cpu, kernel::TaskId task)
{
	m_probes.start(cpu, task);
}

void StapRun::stop()
{
	if (m_stopped)
		return;
	m_stopped = true;
	m_probes.stop();
}

}  // namespace kctx::cli
