#include "lang/Sema.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "lang/Limits.h"

namespace kctx::lang {

void Sema::error(SourceLoc loc, std::string msg, uint32_t len)
{
	if (stopped())
		return;
	m_diags.error(loc, std::move(msg), len);
}

void Sema::warning(SourceLoc loc, std::string msg, uint32_t len)
{
	if (stopped())
		return;
	m_diags.warning(loc, std::move(msg), len);
}

void Sema::float_error(SourceLoc loc)
{
	if (m_float_lines.insert({loc.file, loc.line}).second)
		error(loc, "floating point is not allowed in kernel code");
}

bool Sema::stopped() const { return error_count(m_diags) >= kMaxErrors; }

int64_t Sema::normalize(int64_t v, const Type* t)
{
	if (t->is_pointer())
		return v;
	uint64_t u = static_cast<uint64_t>(v);
	switch (t->int_kind()) {
	case TypeKind::Bool: return u != 0;
	case TypeKind::Char:
	case TypeKind::SChar: return static_cast<int8_t>(u);
	case TypeKind::UChar: return static_cast<uint8_t>(u);
	case TypeKind::Short: return static_cast<int16_t>(u);
	case TypeKind::UShort: return static_cast<uint16_t>(u);
	case TypeKind::Int: return static_cast<int32_t>(u);
	case TypeKind::UInt: return static_cast<uint32_t>(u);
	default: return v;
	}
}

Expr* Sema::make(ExprKind k, const Type* t, SourceLoc loc, Expr* lhs, Expr* rhs)
{
	Expr* e = m_unit.new_expr(k, t, loc);
	e->lhs = lhs;
	e->rhs = rhs;
	uint32_t d = 0;
	if (lhs)
		d = std::max<uint32_t>(d, lhs->depth);
	if (rhs)
		d = std::max<uint32_t>(d, rhs->depth);
	if (d + 1 > kMaxExprDepth) {
		error(loc, "expression is nested too deeply");
		return error_expr(loc);
	}
	e->depth = static_cast<uint16_t>(d + 1);
	return e;
}

Expr* Sema::error_expr(SourceLoc loc) { return m_unit.new_expr(ExprKind::Error, m_types.int_type(), loc); }

Expr* Sema::int_lit(int64_t v, const Type* t, SourceLoc loc)
{
	Expr* e = m_unit.new_expr(ExprKind::IntLit, t, loc);
	e->int_value = normalize(v, t);
	return e;
}

Expr* Sema::float_lit(double v, const Type* t, SourceLoc loc)
{
	Expr* e = m_unit.new_expr(ExprKind::FloatLit, t, loc);
	e->float_value = t->kind == TypeKind::Float ? static_cast<double>(static_cast<float>(v)) : v;
	if (m_world == abi::World::Kernel)
		float_error(loc);
	return e;
}

Expr* Sema::str_lit(std::string bytes, SourceLoc loc, uint32_t len)
{
	const Type* t = m_types.array_of(m_types.char_type(), bytes.size());
	Expr* e = m_unit.new_expr(ExprKind::StrLit, t, loc);
	e->str = std::move(bytes);
	e->lvalue = true;
	e->length = len;
	return e;
}

Expr* Sema::var_ref(Symbol* sym, SourceLoc loc, uint32_t len)
{
	if (sym->kind == SymKind::EnumConst) {
		Expr* e = int_lit(sym->enum_value, sym->type, loc);
		e->length = len;
		return e;
	}
	Expr* e = m_unit.new_expr(sym->kind == SymKind::Func ? ExprKind::Func : ExprKind::Var, sym->type, loc);
	e->sym = sym;
	e->length = len;
	e->lvalue = sym->kind == SymKind::Var;
	if (!sym->used) {
		sym->used = true;
		sym->first_use = loc;
	}
	return e;
}

Expr* Sema::decay(Expr* e)
{
	if (e->type->is_array()) {
		Expr* r = make(ExprKind::AddrOf, m_types.pointer_to(e->type->base), e->loc, e);
		r->length = e->length;
		return r;
	}
	if (e->type->is_function()) {
		Expr* r = make(ExprKind::AddrOf, m_types.pointer_to(e->type), e->loc, e);
		r->length = e->length;
		return r;
	}
	return e;
}

bool Sema::is_null_pointer(const Expr* e)
{
	if (e->kind != ExprKind::IntLit || e->int_value != 0)
		return false;
	return e->type->is_integer() || (e->type->is_pointer() && e->type->base->is_void());
}

std::optional<int64_t> Sema::const_int(const Expr* e) const
{
	for (int guard = 0; guard < 64 && e; guard++) {
		switch (e->kind) {
		case ExprKind::IntLit: return e->int_value;
		case ExprKind::Cond: {
			auto c = const_int(e->cond);
			if (!c)
				return std::nullopt;
			e = *c ? e->lhs : e->rhs;
			continue;
		}
		case ExprKind::LogAnd:
		case ExprKind::LogOr: {
			auto a = const_int(e->lhs);
			if (!a)
				return std::nullopt;
			bool is_and = e->kind == ExprKind::LogAnd;
			if (is_and && !*a)
				return 0;
			if (!is_and && *a)
				return 1;
			auto b = const_int(e->rhs);
			if (!b)
				return std::nullopt;
			return *b != 0;
		}
		case ExprKind::Cast:
			if (!e->type->is_integer())
				return std::nullopt;
			if (e->lhs->type->is_integer()) {
				auto v = const_int(e->lhs);
				if (!v)
					return std::nullopt;
				return normalize(*v, e->type);
			}
			return std::nullopt;
		default: return std::nullopt;
		}
	}
	return std::nullopt;
}

bool Sema::require_complete(const Type* t, SourceLoc loc, const char* what)
{
	if (t->is_complete())
		return true;
	error(loc, fmt::format("{} incomplete type '{}'", what, type_name(t)));
	return false;
}

Expr* Sema::cast(Expr* e, const Type* to, SourceLoc loc, bool is_explicit)
{
	if (e->kind == ExprKind::Error)
		return e;
	if (to->is_void()) {
		Expr* r = make(ExprKind::Cast, to, loc, e);
		return r;
	}
	e = decay(e);
	const Type* from = e->type;
	if (from == to)
		return e;
	if (to->is_record() || to->is_array() || to->is_function()) {
		if (to->is_record() && same_type(from, to))
			return e;
		error(loc, fmt::format("used type '{}' where arithmetic or pointer type is required", type_name(to)));
		return error_expr(loc);
	}
	if (!from->is_scalar()) {
		error(loc, fmt::format("operand of type '{}' where arithmetic or pointer type is required", type_name(from)));
		return error_expr(loc);
	}
	if ((from->is_float() && to->is_pointer()) || (from->is_pointer() && to->is_float())) {
		error(loc, fmt::format("cannot cast {} type '{}' to {} type '{}'", from->is_pointer() ? "a pointer" : "a floating",
				       type_name(from), to->is_pointer() ? "a pointer" : "a floating", type_name(to)));
		return error_expr(loc);
	}
	// Fold conversions of constants.
	if (e->kind == ExprKind::IntLit && (to->is_integer() || to->is_pointer())) {
		Expr* r = int_lit(e->int_value, to, e->loc);
		r->length = e->length;
		return r;
	}
	if (e->kind == ExprKind::IntLit && to->is_float()) {
		double v = from->is_signed() ? static_cast<double>(e->int_value)
					     : static_cast<double>(static_cast<uint64_t>(e->int_value));
		return float_lit(v, to, e->loc);
	}
	if (e->kind == ExprKind::FloatLit && to->is_float())
		return float_lit(e->float_value, to, e->loc);
	if (e->kind == ExprKind::FloatLit && to->is_integer()) {
		double v = std::trunc(e->float_value);
		if (to->is_bool())
			return int_lit(e->float_value != 0, to, e->loc);
		if (v >= -9.2e18 && v <= 9.2e18)
			return int_lit(static_cast<int64_t>(v), to, e->loc);
		if (!to->is_signed() && v >= 0 && v < 1.8e19)
			return int_lit(static_cast<int64_t>(static_cast<uint64_t>(v)), to, e->loc);
	}
	(void)is_explicit;
	Expr* r = make(ExprKind::Cast, to, loc, e);
	r->length = e->length;
	return r;
}

Expr* Sema::convert_assign(Expr* e, const Type* to, SourceLoc loc, const char* what)
{
	if (e->kind == ExprKind::Error)
		return e;
	e = decay(e);
	const Type* from = e->type;
	if (from->is_void()) {
		error(e->loc, fmt::format("{} '{}' from incompatible type 'void'", what, type_name(to)), e->length);
		return error_expr(e->loc);
	}
	if (same_type(from, to))
		return from == to ? e : cast(e, to, loc, false);
	if (to->is_arithmetic() && from->is_arithmetic())
		return cast(e, to, loc, false);
	if (to->is_bool() && from->is_pointer())
		return cast(e, to, loc, false);
	if (to->is_pointer()) {
		if (is_null_pointer(e))
			return cast(e, to, loc, false);
		if (from->is_pointer()) {
			bool ok = to->base->is_void() || from->base->is_void() || same_type(to->base, from->base);
			// char and signed/unsigned char pointers differ only in signedness: gcc warns
			// with -Wpointer-sign only, so accept them quietly.
			if (!ok && to->base->is_integer() && from->base->is_integer() && to->base->size() == from->base->size() &&
			    !to->base->is_bool() && !from->base->is_bool())
				ok = true;
			if (!ok)
				warning(e->loc, fmt::format("incompatible pointer types {} '{}' from '{}'", what, type_name(to),
							    type_name(from)),
					e->length);
			return cast(e, to, loc, false);
		}
		if (from->is_integer()) {
			warning(e->loc, fmt::format("{} '{}' from '{}' makes a pointer from an integer without a cast", what,
						    type_name(to), type_name(from)),
				e->length);
			return cast(e, to, loc, false);
		}
	}
	if (to->is_integer() && from->is_pointer()) {
		warning(e->loc, fmt::format("{} '{}' from '{}' makes an integer from a pointer without a cast", what,
					    type_name(to), type_name(from)),
			e->length);
		return cast(e, to, loc, false);
	}
	error(e->loc, fmt::format("incompatible types {} '{}' from '{}'", what, type_name(to), type_name(from)), e->length);
	return error_expr(e->loc);
}

Expr* Sema::condition(Expr* e, const char* what)
{
	if (e->kind == ExprKind::Error)
		return e;
	e = decay(e);
	if (!e->type->is_scalar()) {
		error(e->loc, fmt::format("{} requires a scalar value, not '{}'", what, type_name(e->type)), e->length);
		return error_expr(e->loc);
	}
	return e;
}

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
							 type_name(rt)));
			return fold_binary(op, lhs, cast(rhs, lt, loc, false), it, loc);
		}
		if (lt->is_pointer() && rt->is_integer()) {
			if (!is_null_pointer(rhs))
				warning(loc, fmt::format("comparison between pointer and integer ('{}' and '{}')", type_name(lt),
							 type_name(rt)));
			return fold_binary(op, lhs, cast(rhs, lt, loc, false), it, loc);
		}
		if (lt->is_integer() && rt->is_pointer()) {
			if (!is_null_pointer(lhs))
				warning(loc, fmt::format("comparison between pointer and integer ('{}' and '{}')", type_name(lt),
							 type_name(rt)));
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

// ---- initializers ----

struct Sema::InitCursor {
	RawInit* list = nullptr;
	size_t pos = 0;
	bool designator_consumed = false;   // the current element's designators were applied
	[[nodiscard]] bool done() const { return pos >= list->list.size(); }
	[[nodiscard]] RawInitElem& cur() const { return list->list[pos]; }
	// Brace elision stops at an element that carries its own designator: it belongs to
	// the enclosing braced list.
	[[nodiscard]] bool at_designator() const { return !done() && !designator_consumed && !cur().designators.empty(); }
	void next()
	{
		pos++;
		designator_consumed = false;
	}
};

void Sema::add_item(Initializer& out, uint64_t off, const Type* t, Expr* e, Bits bits)
{
	if (e->kind == ExprKind::Error)
		return;
	out.items.push_back({off, t, e, bits.offset, bits.width});
}

const Type* Sema::bitfield_value_type(const Type* declared, uint8_t width)
{
	if (declared->is_bool())
		return declared;
	if (width < 32)
		return m_types.int_type();
	if (width == 32)
		return declared->is_signed() ? m_types.int_type() : m_types.basic(TypeKind::UInt);
	return m_types.basic(declared->int_kind());
}

static Expr* strip_parens_str(Expr* e) { return e && e->kind == ExprKind::StrLit ? e : nullptr; }

bool Sema::init_from_string(const Type* t, uint64_t off, Expr* e, Initializer& out)
{
	Expr* s = strip_parens_str(e);
	if (!s || !t->is_array() || !t->base->is_integer() || t->base->size() != 1)
		return false;
	if (!t->unsized && s->str.size() - 1 > t->length)
		warning(s->loc, "initializer-string for char array is too long", s->length);
	add_item(out, off, t, s);
	return true;
}

void Sema::init_scalar(const Type* t, uint64_t off, RawInit* value, Initializer& out, int depth, Bits bits)
{
	if (depth > static_cast<int>(kMaxNesting)) {
		error(value->loc, "initializer nesting too deep");
		return;
	}
	if (value->braced) {
		if (value->list.empty()) {
			add_item(out, off, t, cast(int_lit(0, m_types.int_type(), value->loc), t, value->loc, false), bits);
			return;
		}
		if (value->list.size() > 1)
			warning(value->list[1].value->loc, "excess elements in scalar initializer");
		if (!value->list[0].designators.empty()) {
			error(value->list[0].designators[0].loc, "designator in initializer for scalar type");
			return;
		}
		init_scalar(t, off, value->list[0].value, out, depth + 1, bits);
		return;
	}
	if (t->is_record() || t->is_array()) {
		error(value->loc, "initializer for aggregate is not an initializer list");
		return;
	}
	add_item(out, off, t, convert_assign(value->expr, t, value->loc, "initializing"), bits);
}

void Sema::init_object(const Type* t, uint64_t off, InitCursor& c, Initializer& out, int depth, Bits bits)
{
	if (depth > static_cast<int>(kMaxNesting)) {
		error(c.cur().value->loc, "initializer nesting too deep");
		c.next();
		return;
	}
	RawInit* v = c.cur().value;
	if (v->braced) {
		c.next();
		if (t->is_aggregate())
			init_braced(t, off, v, out, depth + 1, nullptr);
		else
			init_scalar(t, off, v, out, depth + 1, bits);
		return;
	}
	Expr* e = v->expr;
	if (t->is_array() && init_from_string(t, off, e, out)) {
		c.next();
		return;
	}
	if (t->is_record() && e->type && same_type(e->type, t)) {
		add_item(out, off, t, e);
		c.next();
		return;
	}
	if (t->is_array()) {
		if (t->unsized) {
			error(v->loc, "initialization of flexible array member is not allowed");
			c.next();
			return;
		}
		c.designator_consumed = false;
		for (uint64_t k = 0; k < t->length && !c.done() && !c.at_designator(); k++)
			init_object(t->base, off + k * t->base->size(), c, out, depth + 1);
		return;
	}
	if (t->is_record()) {
		if (!t->record->complete) {
			error(v->loc, fmt::format("variable has incomplete type '{}'", type_name(t)));
			c.next();
			return;
		}
		bool first = true;
		for (const Field& f : t->record->fields) {
			if (c.done() || (!first && c.at_designator()))
				break;
			if (f.type->is_array() && f.type->unsized)
				break;
			if (f.is_bitfield && f.name.empty())
				continue;   // unnamed bit-fields take no initializer
			c.designator_consumed = first ? c.designator_consumed : false;
			init_object(f.type, off + f.offset, c, out, depth + 1, bits_of(f));
			first = false;
			if (t->record->is_union)
				break;
		}
		return;
	}
	add_item(out, off, t, convert_assign(e, t, v->loc, "initializing"), bits);
	c.next();
}

void Sema::init_designated(const Type* t, uint64_t off, const std::vector<Designator>& ds, size_t di, RawInit* value,
			   Initializer& out, int depth)
{
	if (depth > static_cast<int>(kMaxNesting)) {
		error(value->loc, "initializer nesting too deep");
		return;
	}
	const Designator& d = ds[di];
	const Type* sub = nullptr;
	uint64_t suboff = 0;
	Bits bits;
	if (d.is_field) {
		if (!t->is_record()) {
			error(d.loc, fmt::format("field designator '{}' used for non-struct type '{}'", d.field, type_name(t)));
			return;
		}
		FieldRef f;
		if (!find_field(*t->record, d.field, f)) {
			error(d.loc, fmt::format("field designator '{}' does not refer to any field in type '{}'", d.field, type_name(t)));
			return;
		}
		sub = f.type;
		suboff = off + f.offset;
		if (f.is_bitfield)
			bits = Bits{f.bit_offset, f.bit_width};
	} else {
		if (!t->is_array()) {
			error(d.loc, fmt::format("array designator used for non-array type '{}'", type_name(t)));
			return;
		}
		if (d.index < 0 || (!t->unsized && static_cast<uint64_t>(d.index_hi) >= t->length)) {
			error(d.loc, fmt::format("array designator index ({}) exceeds array bounds ({})", d.index_hi, t->length));
			return;
		}
		sub = t->base;
		suboff = off + static_cast<uint64_t>(d.index) * sub->size();
	}
	int64_t count = d.is_field ? 1 : d.index_hi - d.index + 1;
	for (int64_t k = 0; k < count; k++) {
		uint64_t o = suboff + static_cast<uint64_t>(k) * (d.is_field ? 0 : sub->size());
		if (di + 1 < ds.size()) {
			init_designated(sub, o, ds, di + 1, value, out, depth + 1);
			continue;
		}
		RawInit one;
		one.loc = value->loc;
		one.braced = true;
		one.list.push_back({{}, value});
		InitCursor c{&one, 0, false};
		init_object(sub, o, c, out, depth + 1, bits);
	}
}

void Sema::init_braced(const Type* t, uint64_t off, RawInit* list, Initializer& out, int depth, uint64_t* max_count)
{
	if (depth > static_cast<int>(kMaxNesting)) {
		error(list->loc, "initializer nesting too deep");
		return;
	}
	if (!t->is_aggregate()) {
		init_scalar(t, off, list, out, depth);
		return;
	}
	if (t->is_record() && !t->record->complete) {
		error(list->loc, fmt::format("variable has incomplete type '{}'", type_name(t)));
		return;
	}
	// C11 6.7.9p14: a character array's string literal may be enclosed in braces:
	// char s[] = {"ab"} is char[3], not one char initialized from a pointer.
	if (t->is_array() && list->list.size() == 1 && list->list[0].designators.empty() && !list->list[0].value->braced) {
		Expr* str = strip_parens_str(list->list[0].value->expr);
		if (str && t->base->is_integer() && t->base->size() == 1) {
			init_from_string(t->unsized ? m_types.array_of(t->base, str->str.size()) : t, off, str, out);
			if (max_count)
				*max_count = str->str.size();
			return;
		}
	}
	InitCursor c{list, 0, false};
	uint64_t pos = 0;
	uint64_t count = 0;
	bool warned = false;
	while (!c.done() && !stopped()) {
		RawInitElem& el = c.cur();
		if (!el.designators.empty()) {
			const Designator& d = el.designators[0];
			// Find the position the first designator selects, for the elements after it.
			if (t->is_array() && !d.is_field)
				pos = static_cast<uint64_t>(std::max<int64_t>(0, d.index_hi));
			if (t->is_record() && d.is_field) {
				const auto& fs = t->record->fields;
				for (size_t k = 0; k < fs.size(); k++) {
					FieldRef tmp;
					if (fs[k].name == d.field || (fs[k].name.empty() && fs[k].type->is_record() &&
								      find_field(*fs[k].type->record, d.field, tmp))) {
						pos = k;
						break;
					}
				}
			}
			if (el.designators.size() > 1 || !t->is_array() || d.is_field || d.index != d.index_hi) {
				init_designated(t, off, el.designators, 0, el.value, out, depth + 1);
				c.next();
			} else {
				// A single array index: the element there, with brace elision continuing.
				if (d.index < 0 || (!t->unsized && static_cast<uint64_t>(d.index) >= t->length)) {
					error(d.loc, fmt::format("array designator index ({}) exceeds array bounds ({})", d.index, t->length));
					c.next();
				} else {
					c.designator_consumed = true;
					init_object(t->base, off + static_cast<uint64_t>(d.index) * t->base->size(), c, out, depth + 1);
				}
			}
			pos++;
			count = std::max(count, pos);
			continue;
		}
		if (t->is_array()) {
			if (!t->unsized && pos >= t->length) {
				if (!warned)
					warning(el.value->loc, "excess elements in array initializer");
				warned = true;
				c.next();
				continue;
			}
			init_object(t->base, off + pos * t->base->size(), c, out, depth + 1);
			pos++;
			count = std::max(count, pos);
			continue;
		}
		const auto& fs = t->record->fields;
		while (pos < fs.size() && fs[pos].is_bitfield && fs[pos].name.empty())
			pos++;   // unnamed bit-fields take no initializer
		if (pos >= fs.size() || (t->record->is_union && pos > 0) || (fs[pos].type->is_array() && fs[pos].type->unsized)) {
			if (!warned)
				warning(el.value->loc, fmt::format("excess elements in {} initializer", t->record->is_union ? "union" : "struct"));
			warned = true;
			c.next();
			continue;
		}
		init_object(fs[pos].type, off + fs[pos].offset, c, out, depth + 1, bits_of(fs[pos]));
		pos++;
	}
	if (max_count)
		*max_count = count;
}

Initializer* Sema::initializer(const Type*& type, RawInit* init, SourceLoc loc)
{
	Initializer* out = m_unit.new_init();
	out->aggregate = type->is_aggregate();
	if (init->braced) {
		if (type->is_array() && type->unsized) {
			uint64_t n = 0;
			init_braced(type, 0, init, *out, 0, &n);
			type = m_types.array_of(type->base, n);
			return out;
		}
		init_braced(type, 0, init, *out, 0, nullptr);
		return out;
	}
	Expr* e = init->expr;
	if (e->kind == ExprKind::Error)
		return out;
	if (type->is_array()) {
		Expr* s = strip_parens_str(e);
		if (s && type->base->is_integer() && type->base->size() == 1) {
			if (type->unsized)
				type = m_types.array_of(type->base, s->str.size());
			init_from_string(type, 0, s, *out);
			return out;
		}
		error(init->loc, "array initializer must be an initializer list or string literal");
		return out;
	}
	if (type->is_record()) {
		Expr* d = decay(e);
		if (!same_type(d->type, type)) {
			error(init->loc, fmt::format("initializing '{}' with an expression of incompatible type '{}'", type_name(type),
						     type_name(d->type)));
			return out;
		}
		out->aggregate = false;
		add_item(*out, 0, type, d);
		return out;
	}
	(void)loc;
	add_item(*out, 0, type, convert_assign(e, type, init->loc, "initializing"));
	return out;
}

}  // namespace kctx::lang
