// Semantic checks and typing of expressions and initializers. The parser calls these as
// it recognizes each construct; they report user errors and return typed nodes with every
// implicit conversion made explicit (Cast nodes) and constant subexpressions folded.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "abi/Builtins.h"
#include "base/Diagnostic.h"
#include "lang/Ast.h"
#include "lang/Type.h"

namespace kctx::lang {

// An initializer as written, before it is matched against the object's type.
struct RawInit;
struct Designator {
	bool is_field = false;
	std::string field;
	int64_t index = 0;
	int64_t index_hi = 0;   // GNU [a ... b]
	SourceLoc loc;
};
struct RawInitElem {
	std::vector<Designator> designators;
	RawInit* value = nullptr;
};
struct RawInit {
	SourceLoc loc;
	Expr* expr = nullptr;            // when not braced
	std::vector<RawInitElem> list;   // when braced
	bool braced = false;
};

// The bits of a bit-field being initialized (width 0: a whole object).
struct InitBits {
	uint8_t offset = 0;
	uint8_t width = 0;
};

class Sema {
public:
	using Bits = InitBits;
	Sema(TypeContext& types, Unit& unit, DiagnosticSink& diags, abi::World world)
		: m_types(types), m_unit(unit), m_diags(diags), m_world(world)
	{
	}

	void error(SourceLoc loc, std::string msg, uint32_t len = 1);
	// "floating point is not allowed in kernel code", once per source line.
	void float_error(SourceLoc loc);
	void warning(SourceLoc loc, std::string msg, uint32_t len = 1, std::string flag = {});
	[[nodiscard]] bool stopped() const;

	// Leaves: literals and names.
	[[nodiscard]] Expr* int_lit(int64_t v, const Type* t, SourceLoc loc);
	[[nodiscard]] Expr* float_lit(double v, const Type* t, SourceLoc loc);
	[[nodiscard]] Expr* str_lit(std::string bytes, SourceLoc loc, uint32_t len);
	[[nodiscard]] Expr* var_ref(Symbol* sym, SourceLoc loc, uint32_t len);
	[[nodiscard]] Expr* error_expr(SourceLoc loc);

	// Array-to-pointer and function-to-pointer decay: the value of an expression.
	[[nodiscard]] Expr* decay(Expr* e);
	// Conversion as if by assignment to an object of type `to` (argument passing,
	// return, initialization), with C's checks; `what` names the context for messages.
	[[nodiscard]] Expr* convert_assign(Expr* e, const Type* to, SourceLoc loc, const char* what);
	// An explicit cast, or an implicit conversion already known to be valid.
	[[nodiscard]] Expr* cast(Expr* e, const Type* to, SourceLoc loc, bool is_explicit);
	// Truthiness check for if/while/for/?:/&&/||/! operands.
	[[nodiscard]] Expr* condition(Expr* e, const char* what);

	[[nodiscard]] Expr* unary(UnOp op, Expr* e, SourceLoc loc);
	[[nodiscard]] Expr* unary_plus(Expr* e, SourceLoc loc);
	[[nodiscard]] Expr* deref(Expr* e, SourceLoc loc);
	[[nodiscard]] Expr* addr_of(Expr* e, SourceLoc loc);
	[[nodiscard]] Expr* binary(BinOp op, Expr* lhs, Expr* rhs, SourceLoc loc);
	[[nodiscard]] Expr* logical(bool is_and, Expr* lhs, Expr* rhs, SourceLoc loc);
	[[nodiscard]] Expr* assign(Expr* lhs, Expr* rhs, SourceLoc loc);
	[[nodiscard]] Expr* compound_assign(BinOp op, Expr* lhs, Expr* rhs, SourceLoc loc);
	[[nodiscard]] Expr* incdec(Expr* e, bool inc, bool post, SourceLoc loc);
	[[nodiscard]] Expr* conditional(Expr* c, Expr* a, Expr* b, SourceLoc loc);
	[[nodiscard]] Expr* comma(Expr* a, Expr* b, SourceLoc loc);
	[[nodiscard]] Expr* member(Expr* base, const std::string& name, bool arrow, SourceLoc loc, uint32_t len);
	[[nodiscard]] Expr* index(Expr* base, Expr* idx, SourceLoc loc);
	[[nodiscard]] Expr* call(Expr* callee, std::vector<Expr*> args, SourceLoc loc, SourceLoc rparen);
	[[nodiscard]] Expr* size_of(const Type* t, SourceLoc loc, bool is_align);

	// <stdarg.h> (Stdarg.cpp). `fn` is the function being defined (null at file scope).
	[[nodiscard]] Expr* stdarg_start(Expr* ap, Expr* last, FunctionDef* fn, SourceLoc loc);
	[[nodiscard]] Expr* stdarg_arg(Expr* ap, const Type* t, SourceLoc loc, SourceLoc type_loc);
	[[nodiscard]] Expr* stdarg_end(Expr* ap, SourceLoc loc);
	[[nodiscard]] Expr* stdarg_copy(Expr* dst, Expr* src, SourceLoc loc);

	// Flattens `init` for an object of type `type`; an unsized array type is completed
	// from the initializer (so `type` may change).
	[[nodiscard]] Initializer* initializer(const Type*& type, RawInit* init, SourceLoc loc);

	// The value of an integer constant expression, if `e` is one.
	[[nodiscard]] std::optional<int64_t> const_int(const Expr* e) const;
	[[nodiscard]] static bool is_null_pointer(const Expr* e);
	// Sign- or zero-extends `v` from the width of `t` (what a register holds).
	[[nodiscard]] static int64_t normalize(int64_t v, const Type* t);

	TypeContext& types() { return m_types; }

private:
	Expr* make(ExprKind k, const Type* t, SourceLoc loc, Expr* lhs = nullptr, Expr* rhs = nullptr);
	Expr* pointer_arith(BinOp op, Expr* ptr, Expr* n, SourceLoc loc);
	Expr* fold_binary(BinOp op, Expr* lhs, Expr* rhs, const Type* t, SourceLoc loc);
	bool check_lvalue(Expr* e, const char* what);
	bool require_complete(const Type* t, SourceLoc loc, const char* what);
	const Type* promote_default(Expr*& e);
	// A va_list operand decayed to struct __va_list_tag *, or an error naming `builtin`.
	Expr* va_operand(Expr* e, const char* builtin, const char* which);

	struct InitCursor;
	void init_object(const Type* t, uint64_t off, InitCursor& c, Initializer& out, int depth, Bits bits = {});
	void init_braced(const Type* t, uint64_t off, RawInit* list, Initializer& out, int depth, uint64_t* max_count);
	void init_scalar(const Type* t, uint64_t off, RawInit* value, Initializer& out, int depth, Bits bits = {});
	bool init_from_string(const Type* t, uint64_t off, Expr* e, Initializer& out);
	void init_designated(const Type* t, uint64_t off, const std::vector<Designator>& ds, size_t di, RawInit* value,
			     Initializer& out, int depth);
	void add_item(Initializer& out, uint64_t off, const Type* t, Expr* e, Bits bits = {});
	static Bits bits_of(const Field& f) { return f.is_bitfield ? Bits{f.bit_offset, f.bit_width} : Bits{}; }
	// The type a bit-field's value has in expressions (C's promotion of narrow fields).
	const Type* bitfield_value_type(const Type* declared, uint8_t width);

	TypeContext& m_types;
	Unit& m_unit;
	DiagnosticSink& m_diags;
	abi::World m_world;
	std::set<std::pair<uint32_t, uint32_t>> m_float_lines;
};

}  // namespace kctx::lang
