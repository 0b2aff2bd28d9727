// <stdarg.h>: the checks and typing of va_start, va_arg, va_end and va_copy (gcc's
// __builtin_va_* forms, which the preludes' macros expand to). The calling convention
// behind them is in README.md ("Variadic functions"); GenCall.cpp generates them.
#include <fmt/format.h>

#include "lang/Sema.h"

namespace kctx::lang {

Expr* Sema::va_operand(Expr* e, const char* builtin, const char* which)
{
	if (e->kind == ExprKind::Error)
		return e;
	e = decay(e);
	if (e->kind == ExprKind::Error)
		return e;
	if (!e->type->is_pointer() || e->type->base != m_types.va_tag_type()) {
		error(e->loc, fmt::format("{} argument to '{}' not of type 'va_list'", which, builtin), e->length);
		return error_expr(e->loc);
	}
	return e;
}

Expr* Sema::stdarg_start(Expr* ap, Expr* last, FunctionDef* fn, SourceLoc loc)
{
	ap = va_operand(ap, "va_start", "first");
	if (ap->kind == ExprKind::Error || last->kind == ExprKind::Error)
		return error_expr(loc);
	if (!fn) {
		error(loc, "'va_start' used outside a function");
		return error_expr(loc);
	}
	// gcc/builtins.cc: expand_builtin_va_start() and c-family's check of the second one.
	if (!fn->sym->type->variadic) {
		error(loc, "'va_start' used in function with fixed arguments");
		return error_expr(loc);
	}
	const Expr* named = last;
	while (named->kind == ExprKind::Cast || named->kind == ExprKind::AddrOf)
		named = named->lhs;
	if (named->kind != ExprKind::Var || fn->params.empty() || named->sym != fn->params.back())
		warning(last->loc, "second parameter of 'va_start' not last named argument", last->length);
	fn->uses_va_start = true;
	return make(ExprKind::VaStart, m_types.void_type(), loc, ap);
}

Expr* Sema::stdarg_arg(Expr* ap, const Type* t, SourceLoc loc, SourceLoc type_loc)
{
	ap = va_operand(ap, "va_arg", "first");
	if (ap->kind == ExprKind::Error)
		return ap;
	if (t->is_void() || !t->is_complete() || t->is_function()) {
		error(type_loc, fmt::format("second argument to 'va_arg' is of incomplete type '{}'", type_name(t)));
		return error_expr(loc);
	}
	if (t->is_array()) {
		error(type_loc, fmt::format("second argument to 'va_arg' is of array type '{}'", type_name(t)));
		return error_expr(loc);
	}
	if (t->is_float() && m_world == abi::World::Kernel)
		float_error(type_loc);
	// A type that the default argument promotions change can never be read back: gcc
	// warns and compiles the va_arg to a trap (gcc/gimplify.cc: gimplify_va_arg_expr()).
	const Type* promoted = t->kind == TypeKind::Float ? m_types.double_type() : m_types.promote(t);
	Expr* e = make(ExprKind::VaArg, t, loc, ap);
	if (promoted != t && !(t->kind == TypeKind::Enum)) {
		warning(type_loc, fmt::format("'{}' is promoted to '{}' when passed through '...'", type_name(t), type_name(promoted)));
		m_diags.note(type_loc, fmt::format("(so you should pass '{}' not '{}' to 'va_arg')", type_name(promoted), type_name(t)));
		m_diags.note(type_loc, "if this code is reached, the program will abort");
		e->int_value = 1;   // CodeGen: a trap
	}
	return e;
}

Expr* Sema::stdarg_end(Expr* ap, SourceLoc loc)
{
	ap = va_operand(ap, "va_end", "first");
	if (ap->kind == ExprKind::Error)
		return ap;
	return make(ExprKind::VaEnd, m_types.void_type(), loc, ap);
}

Expr* Sema::stdarg_copy(Expr* dst, Expr* src, SourceLoc loc)
{
	dst = va_operand(dst, "va_copy", "first");
	src = va_operand(src, "va_copy", "second");
	if (dst->kind == ExprKind::Error || src->kind == ExprKind::Error)
		return error_expr(loc);
	return make(ExprKind::VaCopy, m_types.void_type(), loc, dst, src);
}

}  // namespace kctx::lang
