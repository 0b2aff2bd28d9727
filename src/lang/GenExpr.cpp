// Expressions: the dispatch over expression kinds, expressions for their effect only,
// and conditions compiled to branches.
#include "lang/CodeGenImpl.h"

#include <bit>
#include <fmt/format.h>

namespace kctx::lang::codegen {

void FunctionGen::effect(const Expr* e)
{
	uint32_t save = m_top;
	switch (e->kind) {
	case ExprKind::Assign: (void)assign(e, kAny, false); break;
	case ExprKind::CompoundAssign: (void)compound_assign(e, kAny, false); break;
	case ExprKind::IncDec: (void)incdec(e, kAny, false); break;
	case ExprKind::Comma:
		effect(e->lhs);
		effect(e->rhs);
		break;
	case ExprKind::Cast:
		if (e->type->is_void() || is_noop_conversion(e->lhs->type, e->type))
			effect(e->lhs);
		else
			(void)expr(e, kAny);
		break;
	case ExprKind::IntLit:
	case ExprKind::FloatLit:
	case ExprKind::StrLit:
	case ExprKind::Var:
	case ExprKind::Func: break;
	case ExprKind::Cond:
		if (e->type->is_void()) {
			(void)cond_value(e, kAny);
			break;
		}
		[[fallthrough]];
	default: (void)expr(e, kAny); break;
	}
	m_top = save;
}

uint16_t FunctionGen::expr(const Expr* e, int want)
{
	if (m_failed)
		return 0;
	switch (e->kind) {
	case ExprKind::IntLit: {
		if (want < 0) {
			auto it = m_const_regs.find(e->int_value);
			if (it != m_const_regs.end())
				return it->second;
			if (m_loop_depth > 0)
				m_const_uses[e->int_value]++;
		}
		uint16_t d = dest(want);
		load_const(d, e->int_value);
		return d;
	}
	case ExprKind::FloatLit: {
		uint16_t d = dest(want);
		load_bits(d, std::bit_cast<uint64_t>(e->float_value));
		return d;
	}
	case ExprKind::Var:
		if (e->sym->kernel_address && !m_pg.data_offset(e->sym))
			return kernel_data_value(e, want);
		[[fallthrough]];
	case ExprKind::Deref:
	case ExprKind::Member:
	case ExprKind::StrLit:
	case ExprKind::CompoundLit: return object_value(e, want);
	case ExprKind::Func: {
		fail(e->loc, "kctx internal error: a function designator used as a value");
		return 0;
	}
	case ExprKind::AddrOf: return address_of(e, want);
	case ExprKind::Cast: return cast(e, want);
	case ExprKind::Unary: return unary(e, want);
	case ExprKind::Binary: return binary(e, want);
	case ExprKind::LogAnd:
	case ExprKind::LogOr: return logical_value(e, want);
	case ExprKind::Assign: return assign(e, want, true);
	case ExprKind::CompoundAssign: return compound_assign(e, want, true);
	case ExprKind::IncDec: return incdec(e, want, true);
	case ExprKind::Cond: return cond_value(e, want);
	case ExprKind::Comma: {
		effect(e->lhs);
		return expr(e->rhs, want);
	}
	case ExprKind::Call: return call(e, want);
	case ExprKind::StmtExpr: return stmt_expr(e, want);
	case ExprKind::VaStart:
	case ExprKind::VaArg:
	case ExprKind::VaEnd:
	case ExprKind::VaCopy: return stdarg(e, want);
	case ExprKind::VlaSizeof: return vla_bytes(e->comp_type, want);
	case ExprKind::Error: fail(e->loc, "kctx internal error: an erroneous expression reached code generation"); return 0;
	}
	return 0;
}

// The value of an object (a variable, *p, s.m, a string or compound literal): its
// register, or a load from its lvalue.
uint16_t FunctionGen::object_value(const Expr* e, int want)
{
	if (e->type->is_void()) {
		fail(e->loc, "kctx cannot use the value of a 'void' expression");
		return 0;
	}
	if (e->type->is_record() && !e->type->is_complete()) {
		fail(e->loc, fmt::format("incomplete type '{}' used as a value", type_name(e->type)));
		return 0;
	}
	uint16_t d = want >= 0 ? static_cast<uint16_t>(want) : 0;
	uint32_t save = m_top;
	bool keep = want < 0;
	if (keep && !(e->kind == ExprKind::Var && m_reg_of.count(e->sym)))
		d = alloc();
	uint32_t inner = m_top;
	LVal lv = lvalue(e);
	if (lv.is_reg) {
		m_top = save;
		return load(lv, want);
	}
	(void)load(lv, d);
	m_top = keep ? inner : save;
	return d;
}

// &x: a function's address, or the address of an lvalue in memory.
uint16_t FunctionGen::address_of(const Expr* e, int want)
{
	const Expr* x = e->lhs;
	if (x->kind == ExprKind::Func) {
		uint16_t d = dest(want);
		if (auto idx = m_pg.function_index(x->sym)) {
			emit(Insn::make_bx(Op::FADDR, d, *idx));
		} else if (x->sym->builtin) {
			load_bits(d, vm::builtin_address(*x->sym->builtin));
		} else if (m_pg.import_slot(x->sym)) {
			(void)imported_address(x->sym, d);
		} else {
			fail(e->loc, fmt::format("function '{}' is declared but never defined", x->sym->name));
		}
		return d;
	}
	// The address is computed after the lvalue's own temporaries; they stay allocated
	// until the statement ends, which costs registers but no instructions.
	LVal lv = lvalue(x);
	if (lv.is_reg) {
		fail(e->loc, "kctx internal error: address of a register variable");
		return 0;
	}
	return address(lv, want);
}

// (T)x: a conversion; nothing more than x when it changes no bits; x for its effect only
// when T is void.
uint16_t FunctionGen::cast(const Expr* e, int want)
{
	const Type* from = e->lhs->type;
	const Type* to = e->type;
	if (to->is_void()) {
		effect(e->lhs);
		return want >= 0 ? static_cast<uint16_t>(want) : 0;
	}
	if (is_noop_conversion(from, to))
		return expr(e->lhs, want);
	uint16_t d = dest(want);
	uint32_t save = m_top;
	uint16_t s = expr(e->lhs, kAny);
	convert(d, s, from, to);
	m_top = save;
	return d;
}

// -x, ~x and !x.
uint16_t FunctionGen::unary(const Expr* e, int want)
{
	uint16_t d = dest(want);
	uint32_t save = m_top;
	uint16_t s = expr(e->lhs, kAny);
	RegClass c = reg_class(e->lhs->type);
	switch (e->unop()) {
	case UnOp::Neg:
		if (c.is_float) {
			ab(Op::FNEG, d, s);
		} else {
			ab(Op::NEG, d, s);
			if (auto n = narrow_op(e->type))
				ab(*n, d, d);
		}
		break;
	case UnOp::BitNot:
		ab(Op::NOT, d, s);
		if (!c.is_signed)
			if (auto n = narrow_op(e->type))
				ab(*n, d, d);
		break;
	case UnOp::LogNot:
		if (c.is_float) {
			uint16_t z = alloc();
			load_const(z, 0);
			abc(Op::FEQ, d, s, z);
		} else {
			ab(Op::LNOT, d, s);
		}
		break;
	}
	m_top = save;
	return d;
}

// The value (0 or 1) of a && b or a || b, computed by branching.
uint16_t FunctionGen::logical_value(const Expr* e, int want)
{
	uint16_t d = dest(want);
	uint32_t save = m_top;
	int l_false = new_label(), l_end = new_label();
	branch(e, false, l_false);
	m_top = save;
	load_const(d, 1);
	jump(l_end);
	bind(l_false);
	load_const(d, 0);
	bind(l_end);
	return d;
}

void FunctionGen::branch(const Expr* e, bool jump_if_true, int l)
{
	if (m_failed)
		return;
	switch (e->kind) {
	case ExprKind::IntLit:
		if ((e->int_value != 0) == jump_if_true)
			jump(l);
		return;
	case ExprKind::Unary:
		if (e->unop() == UnOp::LogNot) {
			branch(e->lhs, !jump_if_true, l);
			return;
		}
		break;
	case ExprKind::LogAnd:
	case ExprKind::LogOr: {
		bool is_and = e->kind == ExprKind::LogAnd;
		if (is_and != jump_if_true) {
			// && jumping when false, || jumping when true: either operand decides.
			branch(e->lhs, jump_if_true, l);
			branch(e->rhs, jump_if_true, l);
			return;
		}
		int skip = new_label();
		branch(e->lhs, !jump_if_true, skip);
		branch(e->rhs, jump_if_true, l);
		bind(skip);
		return;
	}
	case ExprKind::Comma:
		effect(e->lhs);
		branch(e->rhs, jump_if_true, l);
		return;
	case ExprKind::Binary: {
		BinOp op = e->binop();
		if (!is_compare(op))
			break;
		RegClass c = reg_class(e->lhs->type);
		if (c.is_float)
			break;
		BinOp o = jump_if_true ? op : negate(op);
		uint32_t save = m_top;
		const Expr* a = e->lhs;
		const Expr* b = e->rhs;
		if ((o == BinOp::Eq || o == BinOp::Ne) && (b->kind == ExprKind::IntLit && b->int_value == 0)) {
			uint16_t r = expr(a, kAny);
			jump_if(o == BinOp::Ne, r, l);
			m_top = save;
			return;
		}
		if ((o == BinOp::Eq || o == BinOp::Ne) && (a->kind == ExprKind::IntLit && a->int_value == 0)) {
			uint16_t r = expr(b, kAny);
			jump_if(o == BinOp::Ne, r, l);
			m_top = save;
			return;
		}
		uint16_t x = operand(a);
		uint16_t y = operand(b);
		jump_cmp(o, x, y, c.is_signed, l);
		m_top = save;
		return;
	}
	default: break;
	}
	uint32_t save = m_top;
	uint16_t r = expr(e, kAny);
	if (reg_class(e->type).is_float) {
		uint16_t z = alloc();
		uint16_t t = alloc();
		load_const(z, 0);
		abc(Op::FNE, t, r, z);
		r = t;
	}
	jump_if(jump_if_true, r, l);
	m_top = save;
}

uint16_t FunctionGen::kernel_data_value(const Expr* e, int want)
{
	// Reading jiffies is the call __kctx_jiffies() that <linux/jiffies.h>'s macro made
	// before jiffies became a variable: the same instructions, so the same simulated
	// cost, and the value of the CPU's clock when the call is made.
	line(e->loc);
	uint32_t save = m_top;
	auto base = static_cast<uint16_t>(m_top);
	(void)alloc();   // the result register
	uint16_t d = want >= 0 ? static_cast<uint16_t>(want) : base;
	abc(Op::CALLB, d, base, 0);
	emit(Insn::make_bx(Op::NOP, 0, static_cast<uint32_t>(abi::BuiltinId::__kctx_jiffies)));
	m_top = want >= 0 ? save : std::max<uint32_t>(save, static_cast<uint32_t>(base) + 1);
	return d;
}

}  // namespace kctx::lang::codegen
