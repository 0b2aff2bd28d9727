#pragma once
// The parse tree of a SystemTap script: what `stap -p1` prints, and what later
// passes resolve and compile.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "probe/Token.h"

namespace kctx::probe {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;

enum class ExprKind {
	Number,        // value
	String,        // text
	Symbol,        // name
	Target,        // `$name` / `$$parms` / @cast / @var / autocast: see TargetBase
	ArrayIndex,    // operands[0] is the base (Symbol or HistOp); operands[1..] the
		       // indexes, null for a `*` slice
	Call,          // name(operands...)
	Print,         // print family: name, format/delimiter in text when has_text
	Stat,          // @count(operands[0]) ...; name is the operator without `@`
	HistOp,        // @hist_log(x) / @hist_linear(x, lo, hi, step)
	Unary,         // op operands[0]: + - ! ~
	PreCrement,    // ++x / --x
	PostCrement,   // x++ / x--
	Binary,        // arithmetic, bitwise, logical, comparison, `.`
	Assign,        // = += <<< ...
	Regex,         // operands[0] =~ "text"
	Ternary,       // operands[0] ? [1] : [2]
	ArrayIn,       // [operands[1..]] in operands[0]; null index = `*`
	Defined,       // @defined(operands[0])
	Entry,         // @entry(operands[0])
	Perf,          // @perf("text")
	Probewrite,    // @probewrite(operands[0])
};

// Where a target-variable expression starts.
enum class TargetBase {
	Dollar,    // `$name`, `$$parms`: name
	Cast,      // @cast(operands[0], "text"[, "module"])
	Var,       // @var("text"[, "module"])
	Autocast,  // (expr)->field: operands[0]
};

// One step of `->field`, `[index]`, `->$` or `->$$` after a target expression.
struct Component {
	enum class Kind { Field, Index, Pretty } kind = Kind::Field;
	std::string name;  // field name, or "$" / "$$" for Pretty
	ExprPtr index;
};

struct Expr {
	ExprKind kind;
	Token tok;  // where it starts, for later diagnostics
	std::string op;
	std::string name;
	std::string text;
	std::string module;
	bool has_text = false;
	int64_t value = 0;
	TargetBase base = TargetBase::Dollar;
	bool address_of = false;
	std::vector<ExprPtr> operands;
	std::vector<Component> components;
};

enum class StmtKind { Block, Null, Expr, If, For, Foreach, Return, Delete, Next, Break, Continue, Try };

struct ForeachIndex {
	std::string name;
	int sort = 0;  // +1 ascending, -1 descending
};

struct Stmt {
	StmtKind kind;
	Token tok;
	std::vector<StmtPtr> body;  // Block: statements; If: then, else; For/Foreach: body; Try: try, catch
	ExprPtr expr;               // Expr, Return, Delete; If/For condition
	ExprPtr init;               // For
	ExprPtr step;               // For
	// Foreach
	std::string value_var;
	std::vector<ForeachIndex> indexes;
	ExprPtr array;  // Symbol, or ArrayIndex with slices
	std::string sort_stat;
	int value_sort = 0;
	ExprPtr limit;
	// Try
	std::string catch_var;
};

struct ProbePointComponent {
	std::string functor;
	std::optional<ExprPtr> param;  // a Number or String
};

struct ProbePoint {
	std::vector<ProbePointComponent> components;
	bool optional = false;
	bool sufficient = false;
	ExprPtr condition;
	Token tok;
};

enum class AliasKind { None, Prologue, Epilogue };

struct Probe {
	std::vector<ProbePoint> points;
	AliasKind alias = AliasKind::None;
	std::vector<ProbePoint> alias_names;  // the names an alias defines
	StmtPtr body;
	Token tok;
};

struct Global {
	std::string name;
	bool is_private = false;
	bool wrap = false;
	std::optional<int64_t> max_entries;
	bool is_array = false;
	ExprPtr init;  // a Number or String
	Token tok;
};

struct Param {
	std::string name;
	std::string type;  // "", "long" or "string"
};

struct Function {
	std::string name;
	std::string type;
	std::vector<Param> params;
	std::optional<int64_t> priority;
	StmtPtr body;
	Token tok;
};

struct Script {
	std::string file_name;
	std::vector<Global> globals;
	std::vector<Probe> probes;  // aliases and probes, in source order
	std::vector<Function> functions;
};

}  // namespace kctx::probe
