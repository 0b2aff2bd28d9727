#pragma once
// Probe points on the scenario's own bytecode, resolved from its line tables and variable
// records (vm::Program::function_vars, what DWARF gives stap): `module("M").statement(
// "FN@FILE:LINE")`, `process("PATH").function("FN")[.call|.return]` and
// `process("PATH").statement(...)`. Each match is a site whose breakpoints are pcs of one
// function; pass 2 (Resolve.cpp) adds them.

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "probe/run/Resolve.h"

namespace kctx::probe {

// One probe point's parts: `module("cst").statement("fn@cst.c:12")` is
// {Module, "cst", Statement, "fn@cst.c:12", ""}.
struct CodePoint {
	enum class Target { Module, Process };
	enum class Kind { Function, Statement };
	Target target = Target::Module;
	std::string name;      // the module's name or the program's path, a glob for a module
	Kind kind = Kind::Function;
	std::string pattern;   // "FN[@FILE[:LINE|:N-M|:*|+REL]]"
	std::string suffix;    // "", "call" or "return" (functions only)
};

struct CodeMatch {
	std::string pp;        // what pp() says
	Event event = Event::Statement;
	const ModuleFunctionInfo* fn = nullptr;
	std::vector<uint32_t> pcs;
	std::shared_ptr<const ModuleVars> vars;
};

struct CodeResolution {
	std::vector<CodeMatch> matches;
	// A reason stap gives instead of "no match" (stap's words: "no line records for
	// cst.c:12 [man error::dwarf] (try :11 or :14)").
	std::string error;
};

// The program process("NAME") names (its path, ./NAME or its name): one of its functions,
// whose `program` and `path` say which; null when no program of the scenario has that name.
[[nodiscard]] const ModuleFunctionInfo* find_program(const std::string& name,
						     std::span<const ModuleFunctionInfo> functions);

[[nodiscard]] CodeResolution resolve_code_point(const CodePoint& point, std::span<const ModuleFunctionInfo> functions);

// The variables visible at `pc` of the function (none: at its entry), in declaration
// order, the innermost of a name; at a return, the parameters and $return.
[[nodiscard]] std::shared_ptr<const ModuleVars> vars_at(const ModuleFunctionInfo& f, std::optional<uint32_t> pc,
							 bool at_return);
// The variable `name` of function `func` of `program` visible at `pc` (none: at the
// function's entry, its parameters and its body's outermost locals), if any.
[[nodiscard]] const vm::VarInfo* find_var(const vm::Program& program, uint32_t func, std::optional<uint32_t> pc,
					  const std::string& name);

}  // namespace kctx::probe
