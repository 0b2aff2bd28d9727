// The planner of init.sh's commands, shared by its three files: Plan.cpp (a command,
// its words' expansion and the pipelines it makes), PlanBuiltins.cpp (the commands with
// their own rules: insmod, rmmod, sleep, kill, wait, echo, cat, dd, mkfifo, exit, set) and
// PlanScript.cpp (if/elif/else/fi and the whole script).
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shell/Script.h"

namespace kctx::shell::plan {

// A file name the scenario's directory can hold: NAME of NAME.c.
[[nodiscard]] bool plain_name(std::string_view s);
// Text is a word's parts: literal runs and parameters expanded at run time.
void append_literal(Text& t, std::string_view s);
void append(Text& t, const Text& more);

class Planner {
public:
	Planner(std::string script_name, DiagnosticSink& diags, uint32_t background_jobs,
		std::set<std::string> program_names)
	    : m_diags(diags), m_program_names(std::move(program_names))
	{
		m_plan.script_name = std::move(script_name);
		m_plan.background_jobs = background_jobs;
	}

	void command(const Command& c);
	// A pipeline (one command or more joined by '|'), run if `condition` holds.
	void pipeline(std::span<const Command> commands, Condition condition);
	// The pipeline after its parameters were expanded (expand()).
	void expanded_pipeline(std::span<const Command> commands, Condition condition);
	[[nodiscard]] ScriptPlan take() { return std::move(m_plan); }
	// A step of if/elif/else/fi's control flow.
	void control(uint32_t line, std::string source, Action action)
	{
		m_plan.steps.push_back({line, std::move(source), std::move(action), Condition::Always, false});
	}
	// Inside an if's lists an assignment is not known when the script is compiled.
	void set_branch_depth(size_t depth) { m_branch_depth = depth; }
	// The steps added from now on: whether `set -e` applies to them.
	void set_errexit(bool applies) { m_errexit = applies; }

private:
	void error(const Word& w, std::string message) { m_diags.error(w.loc, std::move(message), w.length); }

	[[nodiscard]] std::optional<Command> expand(const Command& c);
	[[nodiscard]] bool expand_word(const Word& w, bool split, std::vector<Word>& fields);
	[[nodiscard]] int32_t plan_subst(const std::vector<Command>& commands, const Word& where);
	void assign(const Command& c, Condition condition);
	[[nodiscard]] std::optional<Action> run_program(const Command& c, const std::string& name);
	[[nodiscard]] std::optional<Action> insmod(const Command& c);
	[[nodiscard]] std::optional<Action> rmmod(const Command& c);
	[[nodiscard]] std::optional<Action> sleep(const Command& c);
	[[nodiscard]] std::optional<Action> kill(const Command& c);
	[[nodiscard]] std::optional<Action> wait(const Command& c);
	[[nodiscard]] std::optional<Action> echo(const Command& c);
	[[nodiscard]] std::optional<Action> cat(const Command& c);
	[[nodiscard]] std::optional<Action> dd(const Command& c);
	[[nodiscard]] std::optional<Action> mkfifo(const Command& c);
	[[nodiscard]] std::optional<Action> exit(const Command& c);
	[[nodiscard]] std::optional<Action> set(const Command& c);
	[[nodiscard]] std::optional<std::string> positional_value(const std::string& name) const;
	[[nodiscard]] std::optional<Action> no_arguments(const Command& c, Action action);
	[[nodiscard]] std::optional<Stage> stage(const Command& c);
	[[nodiscard]] bool builtin_form(const Command& c) const;
	[[nodiscard]] std::optional<int32_t> signal(const Word& w, std::string_view text);
	[[nodiscard]] std::optional<Target> target(const Word& w, std::string_view command);
	void not_found(const Word& w, const std::string& name);

	static uint32_t index_of(std::vector<std::string>& list, const std::string& name)
	{
		auto it = std::find(list.begin(), list.end(), name);
		if (it != list.end())
			return static_cast<uint32_t>(it - list.begin());
		list.push_back(name);
		return static_cast<uint32_t>(list.size() - 1);
	}
	// index_of() for a program or module, remembering where it is first named.
	static uint32_t index_of(std::vector<std::string>& list, std::vector<NameUse>& uses, const std::string& name,
				 const Word& named)
	{
		uint32_t i = index_of(list, name);
		if (uses.size() < list.size())
			uses.push_back({named.loc, named.length});
		return i;
	}

	DiagnosticSink& m_diags;
	std::set<std::string> m_program_names;
	// The shell's variables as the plan reaches each command: the value when it is known
	// now (assigned unconditionally from literal text), nullopt when only the run knows it
	// (a $(...), $?, or an assignment after '&&'/'||'). Known values are put in when the
	// script is compiled, so `insmod ./$module.ko` names its module as a written-out one
	// does. busybox init's environment (init/init.c) and ash's PWD start it.
	std::map<std::string, std::optional<std::string>> m_vars = {
		{"HOME", "/"}, {"PATH", "/sbin:/usr/sbin:/bin:/usr/bin"}, {"SHELL", "/bin/sh"}, {"USER", "root"}, {"PWD", "/"},
	};
	std::set<std::string> m_warned;   // names never assigned, warned about once
	ScriptPlan m_plan;
	Condition m_condition = Condition::Always;   // of the steps command() adds
	size_t m_branch_depth = 0;   // ifs around the commands being planned
	bool m_errexit = true;       // Step::errexit of the steps being added
};

}   // namespace kctx::shell::plan
