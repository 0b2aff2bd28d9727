// Sema's core: diagnostics, node construction, literals and names, constant values,
// conversions (decay, casts, assignment conversions) and conditions.
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

void Sema::warning(SourceLoc loc, std::string msg, uint32_t len, std::string flag)
{
	if (stopped())
		return;
	m_diags.warning(loc, std::move(msg), len, std::move(flag));
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
					e->length, "-Wincompatible-pointer-types");
			return cast(e, to, loc, false);
		}
		if (from->is_integer()) {
			warning(e->loc, fmt::format("{} '{}' from '{}' makes a pointer from an integer without a cast", what,
						    type_name(to), type_name(from)),
				e->length, "-Wint-conversion");
			return cast(e, to, loc, false);
		}
	}
	if (to->is_integer() && from->is_pointer()) {
		warning(e->loc, fmt::format("{} '{}' from '{}' makes an integer from a pointer without a cast", what,
					    type_name(to), type_name(from)),
			e->length, "-Wint-conversion");
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

}  // namespace kctx::lang
