// Sema for operators and postfix expressions: unary and binary operators (with constant
// folding and pointer arithmetic), assignments, ?:, comma, members, subscripts, calls
// and sizeof/_Alignof.
#include "lang/Sema.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "lang/FormatCheck.h"
#include "lang/Limits.h"

namespace kctx::lang {

Expr* Sema::unary_plus(Expr* e, SourceLoc loc)
{
	if (e->kind == ExprKind::Error)
		return e;
	e = decay(e);
	if (!e->type->is_arithmetic()) {
		error(loc, fmt::format("invalid argument type '{}' to unary expression", type_name(e->type)));
		return error_expr(loc);
	}
	return cast(e, m_types.promote(e->type), loc, false);
}

Expr* Sema::unary(UnOp op, Expr* e, SourceLoc loc)
{
	if (e->kind == ExprKind::Error)
		return e;
	e = decay(e);
	const Type* t = e->type;
	if (op == UnOp::LogNot) {
		if (!t->is_scalar()) {
			error(loc, fmt::format("invalid argument type '{}' to unary expression", type_name(t)));
			return error_expr(loc);
		}
		if (e->kind == ExprKind::IntLit)
			return int_lit(e->int_value == 0, m_types.int_type(), loc);
		Expr* r = make(ExprKind::Unary, m_types.int_type(), loc, e);
		r->op = static_cast<uint8_t>(op);
		return r;
	}
	if ((op == UnOp::Neg && !t->is_arithmetic()) || (op == UnOp::BitNot && !t->is_integer())) {
		error(loc, fmt::format("invalid argument type '{}' to unary expression", type_name(t)));
		return error_expr(loc);
	}
	const Type* rt = m_types.promote(t);
	e = cast(e, rt, loc, false);
	if (e->kind == ExprKind::IntLit) {
		uint64_t v = static_cast<uint64_t>(e->int_value);
		return int_lit(static_cast<int64_t>(op == UnOp::Neg ? 0 - v : ~v), rt, loc);
	}
	if (e->kind == ExprKind::FloatLit && op == UnOp::Neg)
		return float_lit(-e->float_value, rt, loc);
	Expr* r = make(ExprKind::Unary, rt, loc, e);
	r->op = static_cast<uint8_t>(op);
	return r;
}

Expr* Sema::deref(Expr* e, SourceLoc loc)
{
	if (e->kind == ExprKind::Error)
		return e;
	e = decay(e);
	if (!e->type->is_pointer()) {
		error(loc, fmt::format("indirection requires pointer operand ('{}' invalid)", type_name(e->type)));
		return error_expr(loc);
	}
	Expr* r = make(ExprKind::Deref, e->type->base, loc, e);
	r->lvalue = true;
	return r;
}

// The constant address an lvalue designates when its base is a constant pointer
// (`&((T *)0)->m`, offsetof), if it is one.
static std::optional<int64_t> constant_address(const Expr* e, int depth = 0)
{
	if (depth > 64)
		return std::nullopt;
	if (e->kind == ExprKind::Member) {
		auto base = constant_address(e->lhs, depth + 1);
		if (!base)
			return std::nullopt;
		return *base + static_cast<int64_t>(e->offset);
	}
	if (e->kind == ExprKind::Deref && e->lhs->kind == ExprKind::IntLit)
		return e->lhs->int_value;
	return std::nullopt;
}

Expr* Sema::addr_of(Expr* e, SourceLoc loc)
{
	if (e->kind == ExprKind::Error)
		return e;
	if (e->kind == ExprKind::Func) {
		return decay(e);
	}
	if (!e->lvalue && !(e->kind == ExprKind::Member || e->kind == ExprKind::CompoundLit)) {
		error(loc, "cannot take the address of an rvalue");
		return error_expr(loc);
	}
	if (e->kind == ExprKind::Member && e->bit_width) {
		error(loc, "address of bit-field requested");
		return error_expr(loc);
	}
	if (auto c = constant_address(e))
		return int_lit(*c, m_types.pointer_to(e->type), loc);
	if (e->kind == ExprKind::Var)
		e->sym->address_taken = true;
	Expr* r = make(ExprKind::AddrOf, m_types.pointer_to(e->type), loc, e);
	return r;
}

Expr* Sema::fold_binary(BinOp op, Expr* lhs, Expr* rhs, const Type* t, SourceLoc loc)
{
	const Type* opt = lhs->type;   // operand type (after conversion)
	if (lhs->kind == ExprKind::IntLit && rhs->kind == ExprKind::IntLit && opt->is_integer()) {
		uint64_t a = static_cast<uint64_t>(lhs->int_value), b = static_cast<uint64_t>(rhs->int_value);
		int64_t sa = lhs->int_value, sb = rhs->int_value;
		bool s = opt->is_signed();
		uint64_t width = opt->size() * 8;
		switch (op) {
		case BinOp::Add: return int_lit(static_cast<int64_t>(a + b), t, loc);
		case BinOp::Sub: return int_lit(static_cast<int64_t>(a - b), t, loc);
		case BinOp::Mul: return int_lit(static_cast<int64_t>(a * b), t, loc);
		case BinOp::Div:
		case BinOp::Rem:
			if (b == 0)
				break;
			if (s) {
				if (sa == std::numeric_limits<int64_t>::min() && sb == -1)
					break;
				return int_lit(op == BinOp::Div ? sa / sb : sa % sb, t, loc);
			}
			return int_lit(static_cast<int64_t>(op == BinOp::Div ? a / b : a % b), t, loc);
		case BinOp::Shl:
			if (sb < 0 || static_cast<uint64_t>(sb) >= width)
				break;
			return int_lit(static_cast<int64_t>(a << b), t, loc);
		case BinOp::Shr:
			if (sb < 0 || static_cast<uint64_t>(sb) >= width)
				break;
			return int_lit(s ? (sa >> b) : static_cast<int64_t>(a >> b), t, loc);
		case BinOp::And: return int_lit(static_cast<int64_t>(a & b), t, loc);
		case BinOp::Or: return int_lit(static_cast<int64_t>(a | b), t, loc);
		case BinOp::Xor: return int_lit(static_cast<int64_t>(a ^ b), t, loc);
		case BinOp::Eq: return int_lit(a == b, t, loc);
		case BinOp::Ne: return int_lit(a != b, t, loc);
		case BinOp::Lt: return int_lit(s ? sa < sb : a < b, t, loc);
		case BinOp::Le: return int_lit(s ? sa <= sb : a <= b, t, loc);
		case BinOp::Gt: return int_lit(s ? sa > sb : a > b, t, loc);
		case BinOp::Ge: return int_lit(s ? sa >= sb : a >= b, t, loc);
		}
	}
	if (lhs->kind == ExprKind::FloatLit && rhs->kind == ExprKind::FloatLit) {
		double a = lhs->float_value, b = rhs->float_value;
		switch (op) {
		case BinOp::Add: return float_lit(a + b, t, loc);
		case BinOp::Sub: return float_lit(a - b, t, loc);
		case BinOp::Mul: return float_lit(a * b, t, loc);
		case BinOp::Div: return float_lit(a / b, t, loc);
		case BinOp::Eq: return int_lit(a == b, t, loc);
		case BinOp::Ne: return int_lit(a != b, t, loc);
		case BinOp::Lt: return int_lit(a < b, t, loc);
		case BinOp::Le: return int_lit(a <= b, t, loc);
		case BinOp::Gt: return int_lit(a > b, t, loc);
		case BinOp::Ge: return int_lit(a >= b, t, loc);
		default: break;
		}
	}
	// x + 0, x * 1 and friends are left to the code generator.
	Expr* r = make(ExprKind::Binary, t, loc, lhs, rhs);
	r->op = static_cast<uint8_t>(op);
	return r;
}

Expr* Sema::pointer_arith(BinOp op, Expr* ptr, Expr* n, SourceLoc loc)
{
	const Type* pt = ptr->type;
	const Type* elem = pt->base;
	uint64_t size = 1;
	if (elem->is_void() || elem->is_function()) {
		size = 1;   // GNU: arithmetic on void * counts bytes
	} else {
		if (!require_complete(elem, loc, "arithmetic on a pointer to"))
			return error_expr(loc);
		size = elem->size();
	}
	Expr* scaled = cast(n, m_types.long_type(), loc, false);
	if (elem->is_array() && elem->is_variably_modified()) {
		// A pointer to a variable-length array steps by its run-time size.
		Expr* r = make(ExprKind::Binary, pt, loc, ptr,
			       fold_binary(BinOp::Mul, scaled, cast(size_of(elem, loc, false), m_types.long_type(), loc, false),
					   m_types.long_type(), loc));
		if (r->kind != ExprKind::Error)
			r->op = static_cast<uint8_t>(op);
		return r;
	}
	if (size != 1)
		scaled = fold_binary(BinOp::Mul, scaled, int_lit(static_cast<int64_t>(size), m_types.long_type(), loc),
				     m_types.long_type(), loc);
	if (ptr->kind == ExprKind::IntLit && scaled->kind == ExprKind::IntLit) {
		uint64_t a = static_cast<uint64_t>(ptr->int_value), b = static_cast<uint64_t>(scaled->int_value);
		return int_lit(static_cast<int64_t>(op == BinOp::Add ? a + b : a - b), pt, loc);
	}
	Expr* r = make(ExprKind::Binary, pt, loc, ptr, scaled);
	r->op = static_cast<uint8_t>(op);
	return r;
}

Expr* Sema::binary(BinOp op, Expr* lhs, Expr* rhs, SourceLoc loc)
{
	if (lhs->kind == ExprKind::Error || rhs->kind == ExprKind::Error)
		return error_expr(loc);
	lhs = decay(lhs);
	rhs = decay(rhs);
	const Type* lt = lhs->type;
	const Type* rt = rhs->type;
	auto invalid = [&]() {
		error(loc, fmt::format("invalid operands to binary expression ('{}' and '{}')", type_name(lt), type_name(rt)));
		return error_expr(loc);
	};
	switch (op) {
	case BinOp::Add:
		if (lt->is_pointer() && rt->is_integer())
			return pointer_arith(op, lhs, rhs, loc);
		if (lt->is_integer() && rt->is_pointer())
			return pointer_arith(op, rhs, lhs, loc);
		break;
	case BinOp::Sub:
		if (lt->is_pointer() && rt->is_integer())
			return pointer_arith(op, lhs, rhs, loc);
		if (lt->is_pointer() && rt->is_pointer()) {
			if (!same_type(lt->base, rt->base) && !(lt->base->is_void() || rt->base->is_void()))
				warning(loc, fmt::format("subtracting pointers of different types ('{}' and '{}')", type_name(lt),
							 type_name(rt)));
			const Type* l = m_types.long_type();
			if (lt->base->is_variably_modified() || rt->base->is_variably_modified()) {
				// Pointers to variable-length arrays: the run-time size of the left one's
				// (compatible types have equal sizes, C11 6.7.6.2p6).
				const Type* vla = lt->base->is_variably_modified() ? lt->base : rt->base;
				Expr* diff = fold_binary(BinOp::Sub, cast(lhs, l, loc, false), cast(rhs, l, loc, false), l, loc);
				return fold_binary(BinOp::Div, diff, cast(size_of(vla, loc, false), l, loc, false), l, loc);
			}
			uint64_t size = lt->base->is_void() || lt->base->is_function() ? 1 : lt->base->size();
			if (size == 0) {
				return invalid();
			}
			Expr* diff = fold_binary(BinOp::Sub, cast(lhs, l, loc, false), cast(rhs, l, loc, false), l, loc);
			if (size == 1)
				return diff;
			return fold_binary(BinOp::Div, diff, int_lit(static_cast<int64_t>(size), l, loc), l, loc);
		}
		break;
	default: break;
	}
	if (op == BinOp::Eq || op == BinOp::Ne || op == BinOp::Lt || op == BinOp::Le || op == BinOp::Gt || op == BinOp::Ge) {
		const Type* it = m_types.int_type();
		if (lt->is_arithmetic() && rt->is_arithmetic()) {
			const Type* ct = m_types.common_arith(lt, rt);
			return fold_binary(op, cast(lhs, ct, loc, false), cast(rhs, ct, loc, false), it, loc);
		}
		if (lt->is_pointer() && rt->is_pointer()) {
			if (!same_type(lt->base, rt->base) && !lt->base->is_void() && !rt->base->is_void())
				warning(loc, fmt::format("comparison of distinct pointer types ('{}' and '{}')", type_name(lt),
							 type_name(rt)),
					1, "-Wcompare-distinct-pointer-types");
			return fold_binary(op, lhs, cast(rhs, lt, loc, false), it, loc);
		}
		if (lt->is_pointer() && rt->is_integer()) {
			if (!is_null_pointer(rhs))
				warning(loc, fmt::format("comparison between pointer and integer ('{}' and '{}')", type_name(lt),
							 type_name(rt)),
					1, "-Wpointer-integer-compare");
			return fold_binary(op, lhs, cast(rhs, lt, loc, false), it, loc);
		}
		if (lt->is_integer() && rt->is_pointer()) {
			if (!is_null_pointer(lhs))
				warning(loc, fmt::format("comparison between pointer and integer ('{}' and '{}')", type_name(lt),
							 type_name(rt)),
					1, "-Wpointer-integer-compare");
			return fold_binary(op, cast(lhs, rt, loc, false), rhs, it, loc);
		}
		return invalid();
	}
	bool int_only = op == BinOp::Rem || op == BinOp::Shl || op == BinOp::Shr || op == BinOp::And || op == BinOp::Or ||
			op == BinOp::Xor;
	if (int_only ? !(lt->is_integer() && rt->is_integer()) : !(lt->is_arithmetic() && rt->is_arithmetic()))
		return invalid();
	if (op == BinOp::Shl || op == BinOp::Shr) {
		const Type* pt = m_types.promote(lt);
		Expr* count = cast(rhs, m_types.promote(rt), loc, false);
		if (count->kind == ExprKind::IntLit && (count->int_value < 0 || static_cast<uint64_t>(count->int_value) >= pt->size() * 8))
			warning(count->loc, fmt::format("shift count {} for a {}-bit type", count->int_value < 0 ? "is negative" : "is too large",
							pt->size() * 8),
				count->length);
		return fold_binary(op, cast(lhs, pt, loc, false), count, pt, loc);
	}
	const Type* ct = m_types.common_arith(lt, rt);
	Expr* l = cast(lhs, ct, loc, false);
	Expr* r = cast(rhs, ct, loc, false);
	if ((op == BinOp::Div || op == BinOp::Rem) && r->kind == ExprKind::IntLit && r->int_value == 0)
		warning(r->loc, "division by zero is undefined", r->length);
	return fold_binary(op, l, r, ct, loc);
}

Expr* Sema::logical(bool is_and, Expr* lhs, Expr* rhs, SourceLoc loc)
{
	lhs = condition(lhs, is_and ? "operand of '&&'" : "operand of '||'");
	rhs = condition(rhs, is_and ? "operand of '&&'" : "operand of '||'");
	if (lhs->kind == ExprKind::Error || rhs->kind == ExprKind::Error)
		return error_expr(loc);
	if (lhs->kind == ExprKind::IntLit && rhs->kind == ExprKind::IntLit) {
		bool a = lhs->int_value != 0, b = rhs->int_value != 0;
		return int_lit(is_and ? (a && b) : (a || b), m_types.int_type(), loc);
	}
	return make(is_and ? ExprKind::LogAnd : ExprKind::LogOr, m_types.int_type(), loc, lhs, rhs);
}

bool Sema::check_lvalue(Expr* e, const char* what)
{
	if (e->kind == ExprKind::Error)
		return false;
	if (!e->lvalue || e->type->is_array() || e->type->is_function()) {
		error(e->loc, fmt::format("expression is not assignable{}", what), e->length);
		return false;
	}
	if (!e->type->is_complete()) {
		error(e->loc, fmt::format("cannot assign to an object of incomplete type '{}'", type_name(e->type)), e->length);
		return false;
	}
	return true;
}

Expr* Sema::assign(Expr* lhs, Expr* rhs, SourceLoc loc)
{
	if (lhs->kind == ExprKind::Error || rhs->kind == ExprKind::Error)
		return error_expr(loc);
	if (!check_lvalue(lhs, ""))
		return error_expr(loc);
	rhs = convert_assign(rhs, lhs->type, loc, "assigning to");
	if (rhs->kind == ExprKind::Error)
		return rhs;
	return make(ExprKind::Assign, lhs->type, loc, lhs, rhs);
}

Expr* Sema::compound_assign(BinOp op, Expr* lhs, Expr* rhs, SourceLoc loc)
{
	if (lhs->kind == ExprKind::Error || rhs->kind == ExprKind::Error)
		return error_expr(loc);
	if (!check_lvalue(lhs, ""))
		return error_expr(loc);
	rhs = decay(rhs);
	const Type* lt = lhs->type;
	const Type* rt = rhs->type;
	Expr* r = nullptr;
	const Type* ct = nullptr;
	if (lt->is_pointer() && (op == BinOp::Add || op == BinOp::Sub) && rt->is_integer()) {
		uint64_t size = lt->base->is_void() || lt->base->is_function() ? 1 : lt->base->size();
		if (!lt->base->is_void() && !require_complete(lt->base, loc, "arithmetic on a pointer to"))
			return error_expr(loc);
		ct = lt;
		r = cast(rhs, m_types.long_type(), loc, false);
		if (lt->base->is_array() && lt->base->is_variably_modified()) {
			size = 1;   // a pointer to a variable-length array steps by its run-time size
			r = fold_binary(BinOp::Mul, r, cast(size_of(lt->base, loc, false), m_types.long_type(), loc, false),
					m_types.long_type(), loc);
		}
		if (size != 1)
			r = fold_binary(BinOp::Mul, r, int_lit(static_cast<int64_t>(size), m_types.long_type(), loc),
					m_types.long_type(), loc);
	} else {
		bool int_only = op == BinOp::Rem || op == BinOp::Shl || op == BinOp::Shr || op == BinOp::And ||
				op == BinOp::Or || op == BinOp::Xor;
		if (int_only ? !(lt->is_integer() && rt->is_integer()) : !(lt->is_arithmetic() && rt->is_arithmetic())) {
			error(loc, fmt::format("invalid operands to binary expression ('{}' and '{}')", type_name(lt), type_name(rt)));
			return error_expr(loc);
		}
		if (op == BinOp::Shl || op == BinOp::Shr) {
			ct = m_types.promote(lt);
			r = cast(rhs, m_types.promote(rt), loc, false);
		} else {
			ct = m_types.common_arith(lt, rt);
			r = cast(rhs, ct, loc, false);
		}
	}
	Expr* e = make(ExprKind::CompoundAssign, lt, loc, lhs, r);
	if (e->kind == ExprKind::Error)
		return e;
	e->op = static_cast<uint8_t>(op);
	e->comp_type = ct;
	return e;
}

Expr* Sema::incdec(Expr* e, bool inc, bool post, SourceLoc loc)
{
	if (e->kind == ExprKind::Error)
		return e;
	if (!check_lvalue(e, ""))
		return error_expr(loc);
	const Type* t = e->type;
	if (!t->is_scalar()) {
		error(loc, fmt::format("cannot {} value of type '{}'", inc ? "increment" : "decrement", type_name(t)));
		return error_expr(loc);
	}
	int64_t delta = 1;
	if (t->is_pointer()) {
		if (t->base->is_variably_modified()) {
			// Steps by the pointee's run-time size (rhs, read by CodeGen).
			Expr* r = make(ExprKind::IncDec, t, loc, e);
			if (r->kind == ExprKind::Error)
				return r;
			r->rhs = cast(size_of(t->base, loc, false), m_types.long_type(), loc, false);
			r->int_value = inc ? 1 : -1;
			r->is_post = post;
			return r;
		}
		if (!t->base->is_void() && !require_complete(t->base, loc, "arithmetic on a pointer to"))
			return error_expr(loc);
		delta = t->base->is_void() || t->base->is_function() ? 1 : static_cast<int64_t>(t->base->size());
	}
	Expr* r = make(ExprKind::IncDec, t, loc, e);
	if (r->kind == ExprKind::Error)
		return r;
	r->int_value = inc ? delta : -delta;
	r->is_post = post;
	return r;
}

Expr* Sema::conditional(Expr* c, Expr* a, Expr* b, SourceLoc loc)
{
	c = condition(c, "condition of '?:'");
	if (c->kind == ExprKind::Error || a->kind == ExprKind::Error || b->kind == ExprKind::Error)
		return error_expr(loc);
	a = decay(a);
	b = decay(b);
	const Type* at = a->type;
	const Type* bt = b->type;
	const Type* t = nullptr;
	if (at->is_arithmetic() && bt->is_arithmetic())
		t = m_types.common_arith(at, bt);
	else if (at->is_void() && bt->is_void())
		t = at;
	else if (at->is_pointer() && is_null_pointer(b))
		t = at;
	else if (bt->is_pointer() && is_null_pointer(a))
		t = bt;
	else if (at->is_pointer() && bt->is_pointer()) {
		if (at->base->is_void())
			t = at;
		else if (bt->base->is_void())
			t = bt;
		else {
			if (!same_type(at, bt))
				warning(loc, fmt::format("pointer type mismatch ('{}' and '{}')", type_name(at), type_name(bt)));
			t = at;
		}
	} else if (at->is_record() && same_type(at, bt))
		t = at;
	else if ((at->is_pointer() && bt->is_integer()) || (at->is_integer() && bt->is_pointer())) {
		warning(loc, fmt::format("pointer/integer type mismatch in conditional expression ('{}' and '{}')",
					 type_name(at), type_name(bt)));
		t = at->is_pointer() ? at : bt;
	} else {
		error(loc, fmt::format("incompatible operand types ('{}' and '{}')", type_name(at), type_name(bt)));
		return error_expr(loc);
	}
	if (!t->is_void() && !t->is_record()) {
		a = cast(a, t, loc, false);
		b = cast(b, t, loc, false);
	}
	if (auto v = const_int(c)) {
		// A constant condition still types the whole expression.
		Expr* chosen = *v ? a : b;
		if (chosen->kind == ExprKind::IntLit || chosen->kind == ExprKind::FloatLit)
			return chosen;
	}
	Expr* r = make(ExprKind::Cond, t, loc, a, b);
	if (r->kind == ExprKind::Error)
		return r;
	r->cond = c;
	r->depth = static_cast<uint16_t>(std::max<uint32_t>(r->depth, c->depth + 1u));
	return r;
}

Expr* Sema::comma(Expr* a, Expr* b, SourceLoc loc)
{
	if (a->kind == ExprKind::Error || b->kind == ExprKind::Error)
		return error_expr(loc);
	b = decay(b);
	return make(ExprKind::Comma, b->type, loc, a, b);
}

Expr* Sema::member(Expr* base, const std::string& name, bool arrow, SourceLoc loc, uint32_t len)
{
	if (base->kind == ExprKind::Error)
		return base;
	if (arrow) {
		Expr* p = decay(base);
		if (!p->type->is_pointer() || !p->type->base->is_record()) {
			error(loc, fmt::format("member reference type '{}' is not a pointer to a structure or union", type_name(p->type)),
			      len);
			return error_expr(loc);
		}
		base = deref(p, loc);
		if (base->kind == ExprKind::Error)
			return base;
	}
	const Type* t = base->type;
	if (!t->is_record()) {
		error(loc, fmt::format("member reference base type '{}' is not a structure or union", type_name(t)), len);
		return error_expr(loc);
	}
	if (!t->record->complete) {
		error(loc, fmt::format("incomplete definition of type '{}'", type_name(t)), len);
		return error_expr(loc);
	}
	FieldRef f;
	if (!find_field(*t->record, name, f)) {
		std::vector<std::string_view> names;
		for (const Field& fl : t->record->fields)
			if (!fl.name.empty())
				names.push_back(fl.name);
		std::string guess = name.size() >= 3 ? closest_match(name, names) : "";
		for (const Field& fl : t->record->fields)
			if (guess.empty() && fl.name == "__" + name)
				guess = fl.name;   // task_struct's state became __state
		error(loc, fmt::format("no member named '{}' in '{}'{}", name, type_name(t),
				       guess.empty() ? "" : fmt::format("; did you mean '{}'?", guess)),
		      len);
		return error_expr(loc);
	}
	Expr* r = make(ExprKind::Member, f.is_bitfield ? bitfield_value_type(f.type, f.bit_width) : f.type, loc, base);
	if (r->kind == ExprKind::Error)
		return r;
	if (f.is_bitfield) {
		r->bit_type = f.type;
		r->bit_offset = f.bit_offset;
		r->bit_width = f.bit_width;
	}
	r->offset = f.offset;
	r->lvalue = base->lvalue;
	r->length = len;
	return r;
}

Expr* Sema::index(Expr* base, Expr* idx, SourceLoc loc)
{
	if (base->kind == ExprKind::Error || idx->kind == ExprKind::Error)
		return error_expr(loc);
	base = decay(base);
	idx = decay(idx);
	if (base->type->is_integer() && idx->type->is_pointer())
		std::swap(base, idx);
	if (!base->type->is_pointer()) {
		error(loc, "subscripted value is not an array or pointer");
		return error_expr(loc);
	}
	if (!idx->type->is_integer()) {
		error(idx->loc, "array subscript is not an integer", idx->length);
		return error_expr(loc);
	}
	return deref(binary(BinOp::Add, base, idx, loc), loc);
}

const Type* Sema::promote_default(Expr*& e)
{
	e = decay(e);
	const Type* t = e->type;
	if (t->kind == TypeKind::Float)
		t = m_types.double_type();
	else if (t->is_integer())
		t = m_types.promote(t);
	e = cast(e, t, e->loc, false);
	return t;
}

Expr* Sema::call(Expr* callee, std::vector<Expr*> args, SourceLoc loc, SourceLoc rparen)
{
	if (callee->kind == ExprKind::Error)
		return callee;
	for (Expr* a : args)
		if (a->kind == ExprKind::Error)
			return error_expr(loc);
	const Type* ft = nullptr;
	if (callee->kind == ExprKind::Func) {
		ft = callee->type;
	} else {
		callee = decay(callee);
		if (callee->type->is_pointer() && callee->type->base->is_function())
			ft = callee->type->base;
	}
	if (!ft) {
		error(callee->loc, fmt::format("called object type '{}' is not a function or function pointer", type_name(callee->type)),
		      callee->length);
		return error_expr(loc);
	}
	std::string fname = callee->kind == ExprKind::Func ? "'" + callee->sym->name + "'" : "function";
	if (ft->prototyped) {
		size_t np = ft->params.size();
		if (args.size() < np || (args.size() > np && !ft->variadic)) {
			error(args.size() < np ? rparen : args[np]->loc,
			      fmt::format("too {} arguments to function call, expected {}{}, have {}",
					  args.size() < np ? "few" : "many", ft->variadic ? "at least " : "", np, args.size()));
			if (callee->kind == ExprKind::Func && callee->sym->loc.line)
				m_diags.note(callee->sym->loc, fmt::format("{} declared here", fname), callee->sym->length);
			return error_expr(loc);
		}
		for (size_t i = 0; i < args.size(); i++) {
			if (i < np) {
				const Type* pt = ft->params[i];
				if (pt->is_record() && !pt->is_complete()) {
					error(args[i]->loc, "argument has incomplete type", args[i]->length);
					return error_expr(loc);
				}
				args[i] = convert_assign(args[i], pt, args[i]->loc, "passing to parameter of type");
			} else {
				promote_default(args[i]);
			}
		}
	} else {
		for (Expr*& a : args)
			promote_default(a);
	}
	for (Expr* a : args) {
		if (a->kind == ExprKind::Error)
			return error_expr(loc);
		if (a->type->is_void()) {
			error(a->loc, "argument may not have 'void' type", a->length);
			return error_expr(loc);
		}
	}
	if (callee->kind == ExprKind::Func && !stopped())
		check_format(FormatCall{callee->sym->name, args, m_unit}, m_diags);
	const Type* rt = ft->base;
	if (rt->is_record() && !rt->is_complete()) {
		error(loc, fmt::format("calling function with incomplete return type '{}'", type_name(rt)));
		return error_expr(loc);
	}
	Expr* r = make(ExprKind::Call, rt, loc, callee);
	if (r->kind == ExprKind::Error)
		return r;
	uint32_t d = r->depth;
	for (Expr* a : args)
		d = std::max<uint32_t>(d, a->depth + 1u);
	if (d > kMaxExprDepth) {
		error(loc, "expression is nested too deeply");
		return error_expr(loc);
	}
	r->depth = static_cast<uint16_t>(d);
	r->args = std::move(args);
	return r;
}

Expr* Sema::size_of(const Type* t, SourceLoc loc, bool is_align)
{
	if (t->is_function()) {
		error(loc, fmt::format("invalid application of '{}' to a function type", is_align ? "_Alignof" : "sizeof"));
		return error_expr(loc);
	}
	if (!t->is_complete() && !t->is_void()) {
		error(loc, fmt::format("invalid application of '{}' to an incomplete type '{}'", is_align ? "_Alignof" : "sizeof",
				       type_name(t)));
		return error_expr(loc);
	}
	if (!is_align && t->is_array() && t->is_variably_modified()) {
		Expr* e = make(ExprKind::VlaSizeof, m_types.ulong_type(), loc);
		e->comp_type = t;
		return e;
	}
	uint64_t v = is_align ? t->align() : (t->is_void() ? 1 : t->size());
	return int_lit(static_cast<int64_t>(v), m_types.ulong_type(), loc);
}

}  // namespace kctx::lang
