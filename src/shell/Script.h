// The stages of compiling an init.sh, for InitScript.cpp and the tests:
//
//   parse_header    line 1's '#!kctx key=value ...' into Settings
//   parse_commands  the text into simple commands (words after quote removal)
//   plan_script     each command checked against what init.sh supports, into a Step
//   generate_c      the Steps into the C program pid 1 runs
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/Diagnostic.h"
#include "shell/InitScript.h"

namespace kctx::shell {

// A parameter, expanded when the command runs.
enum class Param : uint8_t {
	LastStatus,          // $?
	LastBackgroundPid,   // $!  (empty until a job has been started)
	ShellPid,            // $$
	Variable,            // $NAME, ${NAME}: WordPart::name
	Subst,               // $(...): WordPart::commands, planned as ScriptPlan::substs[subst]
};

struct Command;

// A piece of a word after quote removal: literal bytes, or a parameter.
struct WordPart {
	std::string text;
	std::optional<Param> param;
	std::string name;   // Variable: its name
	// Variable and Subst outside double quotes: the expansion is split into fields at
	// blanks (IFS's default), and an empty one is no field at all.
	bool split = false;
	// Literal text with an unquoted '*', '?' or '[': a pattern that pathname expansion
	// replaces by the names it matches (none: the word stays), for a child's arguments.
	bool glob = false;
	std::shared_ptr<const std::vector<Command>> commands;   // Subst: what the parser read
	int32_t subst = -1;                                     // Subst: index in ScriptPlan::substs
	bool operator==(const WordPart&) const = default;
};

// Text the script builds at run time from literal pieces and parameters.
using Text = std::vector<WordPart>;

struct Word {
	Text parts;
	SourceLoc loc;
	uint32_t length = 1;   // columns, for the caret underline
	bool quoted = false;   // some of it was quoted or backslash-escaped
	// NAME=... with NAME and '=' unquoted at the start: an assignment if it comes first.
	bool assignment = false;
	[[nodiscard]] bool is_literal() const;
	[[nodiscard]] std::string literal() const;   // the bytes of a literal word
};

// > and >>, < (Input), and N>&M (Dup: the target is a descriptor, not a file).
enum class RedirectMode : uint8_t { Truncate, Append, Input, Dup };

struct Redirect {
	RedirectMode mode = RedirectMode::Truncate;
	int fd = 1;         // the descriptor redirected: 2 for "2>file", 0 for "<file"
	int dup_from = 1;   // Dup: the descriptor copied ("2>&1": 1)
	Word target;        // the file (not for Dup)
	SourceLoc loc;      // of the operator
	uint32_t length = 1;
};

// What joins a command to the next one: nothing (';', '&', a newline), a pipe, or the
// '&&' and '||' of an AND-OR list.
enum class Connector : uint8_t { None, Pipe, And, Or };

struct Command {
	std::vector<Word> words;
	std::vector<Redirect> redirects;
	bool background = false;   // ended by '&' (the last command of its pipeline)
	Connector next = Connector::None;
	SourceLoc loc;             // where it starts
	uint32_t length = 1;
	std::string source;   // its text on one line, for the generated comment
};

// ---- what the script does, checked ----

struct RunProgram {
	uint32_t program = 0;     // index in ScriptPlan::programs
	std::string name;         // "./cst_test", as typed
	std::vector<Text> argv;   // argv[0] is the name
	bool background = false;
};
struct Insmod {
	uint32_t module = 0;   // index in ScriptPlan::modules
	std::string file;      // "cst.ko", as typed
	Text params;           // "a=1 b=2"
};
struct Rmmod {
	std::vector<std::string> names;   // module names: "cst" for "rmmod cst.ko"
};
struct Sleep {
	uint64_t sec = 0;
	uint32_t nsec = 0;
};
// The operand of kill and wait.
struct Target {
	enum class Kind : uint8_t { Pid, Job, LastBackground } kind = Kind::Pid;
	int32_t value = 0;   // the pid or the job number
	std::string text;    // as typed: "%1", "$!", "123"
};
struct Kill {
	int32_t sig = 15;
	std::vector<Target> targets;
};
struct Wait {
	std::vector<Target> targets;   // none: every child
};
struct Ps {};
struct Dmesg {};
struct Echo {
	Text text;                          // with its newline unless -n
	std::optional<RedirectMode> mode;   // > or >>, to path
	std::string path;
};
struct Cat {
	std::vector<std::string> files;
};
// A busybox applet that runs as a child process, as ash forks for a NOEXEC applet:
// dd and lsmod (Applets.h). Its $? is the child's exit status.
struct RunApplet {
	uint32_t applet = 0;                 // index in ScriptPlan::applets
	std::vector<std::string> argv;       // argv[0] is the applet's name; operands as typed
};
struct Mkfifo {
	std::vector<std::string> paths;
};
struct SetStatus {   // true, false, :
	int status = 0;
};
struct Exit {
	std::optional<int> status;   // none: $?
};
// NAME=VALUE ...: shell variables. $? is the last command substitution's status, else 0.
struct Assign {
	std::vector<std::pair<std::string, Text>> vars;
};

// One command of a pipeline, or a command with redirections or in the background: a
// child process (fork, the redirections, exec) whose standard files pid 1 sets up.
struct Stage {
	// What `index` numbers: ScriptPlan::programs, ScriptPlan::applets (busybox), or
	// ScriptPlan::stap_scripts (./NAME.stp, run through its "#!" line).
	enum class Kind : uint8_t { Program, Applet, StapScript };
	Kind kind = Kind::Program;
	uint32_t index = 0;
	std::string name;            // "./prog" or "grep", for messages
	std::vector<Text> argv;      // argv[0] is the name
	std::vector<Redirect> redirects;
};
// cmd1 | cmd2 | ...: $? is the last command's status. In the background, $! is its pid.
struct Pipeline {
	std::vector<Stage> stages;
	bool background = false;
};

// if/elif/else/fi become labels and jumps between the steps of their lists.
struct Label {
	uint32_t id = 0;
};
enum class JumpWhen : uint8_t { Always, IfFailure };   // IfFailure: when $? is not 0
struct Jump {
	uint32_t label = 0;
	JumpWhen when = JumpWhen::Always;
};
// set -e / set +e: whether a failing command ends the script (ash's errexit).
struct SetErrexit {
	bool on = false;
};

using Action = std::variant<RunProgram, Insmod, Rmmod, Sleep, Kill, Wait, Ps, Dmesg, Echo, Cat, SetStatus, Exit,
			    RunApplet, Mkfifo, Pipeline, Assign, Label, Jump, SetErrexit>;

// When a step runs: always, or after '&&' / '||' only if $? is 0 / is not 0.
enum class Condition : uint8_t { Always, IfSuccess, IfFailure };

struct Step {
	uint32_t line = 0;
	std::string source;   // the command as written
	Action action;
	Condition condition = Condition::Always;
	// Whether `set -e` ends the script when this step fails: not for an if's or elif's
	// condition, nor for a command that '&&' or '||' follows (POSIX 2.14 set -e).
	bool errexit = true;
};

struct ScriptPlan {
	std::string script_name;   // "init.sh": how the shell names itself in messages
	std::vector<std::string> programs;
	std::vector<std::string> modules;
	std::vector<NameUse> program_uses, module_uses;   // where each is first named
	std::vector<std::string> applets;   // busybox applets run as children: __kctx_spawn numbers them after programs
	// "test.stp" for ./test.stp, run by the stap applet through its "#!" line:
	// __kctx_spawn numbers them after the applets.
	std::vector<std::string> stap_scripts;
	std::vector<NameUse> stap_script_uses;     // where each is first named
	std::vector<Step> steps;
	// The $(...)s: pipelines whose standard output the shell reads into a string (their
	// trailing newlines removed), run when the command that names them is about to run.
	std::vector<Pipeline> substs;
	std::vector<std::string> variables;   // every NAME the script assigns or expands
	uint32_t background_jobs = 0;   // '&' commands: the size of the job table
	bool uses_errexit = false;      // the script has a `set -e`
};

// Reads line 1 if it is a '#!kctx' line; errors go to diags.
void parse_header(const SourceSet& sources, uint32_t file, DiagnosticSink& diags, Settings& settings);

// Splits the script into simple commands. Syntax errors go to diags and drop the rest of
// their line; the commands that parsed are returned all the same, so that one run
// reports the errors of every line.
[[nodiscard]] std::vector<Command> parse_commands(const SourceSet& sources, uint32_t file,
						  DiagnosticSink& diags);
// The same for the file's bytes from `from` to `to`: the inside of a $(...) nested `depth`
// deep (at most kMaxSubstDepth).
inline constexpr uint32_t kMaxSubstDepth = 16;
[[nodiscard]] std::vector<Command> parse_commands_in(const SourceSet& sources, uint32_t file, DiagnosticSink& diags,
						     size_t from, size_t to, uint32_t depth = 0);

// Checks each command against what init.sh supports. Errors go to diags; the plan is
// complete only if none was reported.
[[nodiscard]] ScriptPlan plan_script(const std::vector<Command>& commands, std::string script_name,
				     DiagnosticSink& diags);

// The C program for pid 1.
[[nodiscard]] std::string generate_c(const ScriptPlan& plan);

}   // namespace kctx::shell
