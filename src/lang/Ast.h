// The typed AST of one translation unit. The parser builds it with the semantic checks
// (Sema) applied as it goes, so every expression carries its C type and every implicit
// conversion is an explicit Cast node: code generation (and lint) never re-derive types.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "abi/Builtins.h"
#include "base/Diagnostic.h"
#include "lang/Type.h"

namespace kctx::lang {

struct Expr;
struct Stmt;
struct FunctionDef;
struct Initializer;

enum class SymKind : uint8_t { Var, Func, Typedef, EnumConst };

enum class Storage : uint8_t {
	Local,        // automatic variable
	Param,        // function parameter
	Global,       // file-scope object with external linkage (or a tentative definition)
	Static,       // file-scope static object
	LocalStatic,  // static inside a function: a global named "function.var"
	Extern,       // declared extern and (so far) not defined here
};

struct Symbol {
	SymKind kind = SymKind::Var;
	std::string name;
	const Type* type = nullptr;
	SourceLoc loc;
	uint32_t length = 1;
	Storage storage = Storage::Local;
	bool address_taken = false;   // locals: & was applied, so it lives in frame memory
	bool defined = false;         // functions: has a body; objects: has storage here
	bool is_static = false;       // internal linkage (functions and file-scope objects)
	bool is_inline = false;
	bool is_weak = false;         // functions: __attribute__((weak)); a program's definition replaces it
	bool used = false;
	int64_t enum_value = 0;
	std::optional<abi::BuiltinId> builtin;   // a function the builtin table implements
	std::string global_name;      // the name in Program::globals ("fn.var" for local statics)
	Initializer* init = nullptr;  // objects with static storage
	FunctionDef* def = nullptr;   // functions with a body
	uint32_t index = 0;           // locals: index in FunctionDef::locals
	uint32_t align = 0;           // objects: __attribute__((aligned(n))), else 0
	SourceLoc first_use;          // where a function was first referenced (for "never defined")
	bool imported = false;        // modules: used here, defined by another module's EXPORT_SYMBOL
	// modules: an extern object of the kernel's own .data (jiffies), at this fixed
	// address (abi/KernelData.h)
	std::optional<uint64_t> kernel_address;
};

enum class ExprKind : uint8_t {
	IntLit,         // int_value, already normalized to `type`
	FloatLit,       // float_value
	StrLit,         // str: the bytes, including the terminating NUL(s); type char[N]
	Var,            // sym (an object)
	Func,           // sym (a function designator; decays to a pointer via AddrOf)
	Unary,          // op (Neg, BitNot, LogNot) of lhs, which already has the result type
	Binary,         // op of lhs and rhs, converted to a common type (comparisons: result int)
	LogAnd,         // lhs && rhs (both scalars), result int
	LogOr,
	Assign,         // lhs = rhs (rhs converted to lhs's type); value is the stored value
	CompoundAssign, // lhs op= rhs: lhs = (type)((comp_type)lhs op rhs); rhs has comp_type
	IncDec,         // ++/-- : is_post, delta (scaled for pointers)
	Cond,           // cond ? lhs : rhs (arms converted to the result type)
	Comma,          // lhs, rhs
	Call,           // callee (Func, or a pointer-to-function expression), args converted
	Member,         // lhs (a struct/union lvalue), offset; type is the member's
	Deref,          // *lhs
	AddrOf,         // &lhs (also array and function decay)
	Cast,           // lhs converted to type
	CompoundLit,    // (type){init}: an unnamed object (sym is its storage)
	StmtExpr,       // GNU ({ ... }): body; value of the last expression statement
	// <stdarg.h>; lhs (and rhs) are the va_list operands decayed to struct __va_list_tag *.
	VaStart,        // va_start(lhs, ...): lhs points at the variadic arguments (type void)
	VaArg,          // va_arg(lhs, type): the next variadic argument, read as `type`
	VaEnd,          // va_end(lhs): evaluates lhs (type void)
	VaCopy,         // va_copy(lhs, rhs): *lhs = *rhs (type void)
	VlaSizeof,      // the run-time size in bytes of comp_type, an array type with a VLA in it (unsigned long)
	Error,          // a placeholder after an error (type int)
};

enum class BinOp : uint8_t { Add, Sub, Mul, Div, Rem, Shl, Shr, And, Or, Xor, Eq, Ne, Lt, Le, Gt, Ge };
enum class UnOp : uint8_t { Neg, BitNot, LogNot };

struct Expr {
	ExprKind kind = ExprKind::Error;
	uint8_t op = 0;               // BinOp or UnOp
	bool is_post = false;         // IncDec
	bool lvalue = false;
	uint16_t depth = 1;           // height of the tree below (bounded: see Limits.h)
	const Type* type = nullptr;
	const Type* comp_type = nullptr;   // CompoundAssign: the type the operation is done in
	SourceLoc loc;
	uint32_t length = 1;
	Expr* lhs = nullptr;
	Expr* rhs = nullptr;
	Expr* cond = nullptr;
	std::vector<Expr*> args;
	int64_t int_value = 0;        // IntLit; IncDec delta
	double float_value = 0;
	std::string str;              // StrLit bytes
	Symbol* sym = nullptr;
	uint64_t offset = 0;          // Member
	// Member of a bit-field: the field's declared type (its storage unit) and its bits.
	// `type` is then the promoted type the value has (int for narrow fields).
	const Type* bit_type = nullptr;
	uint8_t bit_offset = 0;
	uint8_t bit_width = 0;
	Stmt* body = nullptr;         // StmtExpr
	Initializer* init = nullptr;  // CompoundLit

	[[nodiscard]] bool is(ExprKind k) const { return kind == k; }
	[[nodiscard]] BinOp binop() const { return static_cast<BinOp>(op); }
	[[nodiscard]] UnOp unop() const { return static_cast<UnOp>(op); }
};

// An initializer flattened to stores: each item writes `expr` (scalar, record, or a
// string literal for a char array) at `offset` within the object. Everything an item
// does not cover is zero.
struct InitItem {
	uint64_t offset = 0;
	const Type* type = nullptr;
	Expr* expr = nullptr;
	uint8_t bit_offset = 0;   // a bit-field: its bits within the unit at `offset`
	uint8_t bit_width = 0;    // 0: not a bit-field
};
struct Initializer {
	std::vector<InitItem> items;
	bool aggregate = false;       // braced / aggregate: the object is zeroed first
};

enum class StmtKind : uint8_t {
	Null,
	Expr,       // expr
	Decl,       // var (a local), with init (may be null)
	Compound,   // items
	If,         // expr, body, else_body
	While,      // expr, body
	DoWhile,    // body, expr
	For,        // init (a Decl/Expr/Compound of Decls, may be null), expr (may be null), step, body
	Switch,     // expr, body, cases (Case/Default statements inside, in order)
	Case,       // case_lo .. case_hi, body
	Default,    // body
	Break,
	Continue,
	Goto,       // label
	Label,      // label, body
	Return,     // expr (may be null)
};

struct Stmt {
	StmtKind kind = StmtKind::Null;
	SourceLoc loc;
	Expr* expr = nullptr;
	Expr* step = nullptr;
	Stmt* init = nullptr;
	Stmt* body = nullptr;
	Stmt* else_body = nullptr;
	std::vector<Stmt*> items;
	std::vector<Stmt*> cases;
	Symbol* var = nullptr;
	Initializer* var_init = nullptr;
	std::string label;
	int64_t case_lo = 0;
	int64_t case_hi = 0;
};

struct FunctionDef {
	Symbol* sym = nullptr;
	std::vector<Symbol*> params;
	// Per parameter: the size expression of an array parameter's adjusted-away outermost
	// dimension (`int a[n++]`), evaluated on entry for its side effects; else null.
	std::vector<const Expr*> param_decayed_counts;
	std::vector<Symbol*> locals;     // every automatic variable, params first
	Stmt* body = nullptr;
	SourceLoc loc;
	SourceLoc end_loc;               // the closing brace
	bool uses_va_start = false;      // a variadic function that calls va_start
};

// One translation unit: the definitions in source order, and the arenas that own the
// nodes (deques keep node addresses stable).
// Where a string literal's decoded bytes were written: from byte `offset` on, each byte is
// one column further than `loc`, until the next run (a new token, or after an escape).
struct StrRun {
	uint32_t offset = 0;
	SourceLoc loc;
	bool starts_token = false;   // the first run of one of the literal's string tokens
};

struct Unit {
	std::vector<FunctionDef*> functions;
	std::vector<Symbol*> objects;    // objects with static storage defined here, in order
	std::vector<Symbol*> functions_declared;   // every function symbol (for lookups)
	// A module's undefined functions and objects: the loader resolves each against the
	// symbols other modules export (kernel/module/main.c simplify_symbols()).
	std::vector<Symbol*> imports;
	// Every mention of a function by name: (the definition it is in, or null at file
	// scope; the function). Decides which prelude library functions are linked.
	std::vector<std::pair<const FunctionDef*, const Symbol*>> function_refs;

	// The source map of each string literal the parser read (for format-string checks).
	std::map<const Expr*, std::vector<StrRun>> str_runs;

	std::deque<Symbol> symbols;
	std::deque<Expr> exprs;
	std::deque<Stmt> stmts;
	std::deque<FunctionDef> defs;
	std::deque<Initializer> inits;

	Expr* new_expr(ExprKind k, const Type* t, SourceLoc loc)
	{
		exprs.emplace_back();
		Expr* e = &exprs.back();
		e->kind = k;
		e->type = t;
		e->loc = loc;
		return e;
	}
	Stmt* new_stmt(StmtKind k, SourceLoc loc)
	{
		stmts.emplace_back();
		Stmt* s = &stmts.back();
		s->kind = k;
		s->loc = loc;
		return s;
	}
	Symbol* new_symbol()
	{
		symbols.emplace_back();
		return &symbols.back();
	}
	Initializer* new_init()
	{
		inits.emplace_back();
		return &inits.back();
	}
	FunctionDef* new_def()
	{
		defs.emplace_back();
		return &defs.back();
	}
};

}  // namespace kctx::lang
