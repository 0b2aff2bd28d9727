// Operators: arithmetic (with immediates), binary expressions, ?:, statement
// expressions, assignment, compound assignment and ++/--.
#include "lang/CodeGenImpl.h"

#include <bit>

namespace kctx::lang::codegen {

uint16_t FunctionGen::operand(const Expr* e)
{
	return expr(e, kAny);
}

void FunctionGen::arith(BinOp op, const Type* t, uint16_t d, uint16_t l, uint16_t r)
{
	RegClass c = reg_class(t);
	if (c.is_float) {
		Op o = Op::FADD;
		switch (op) {
		case BinOp::Add: o = Op::FADD; break;
		case BinOp::Sub: o = Op::FSUB; break;
		case BinOp::Mul: o = Op::FMUL; break;
		case BinOp::Div: o = Op::FDIV; break;
		default: fail({}, "kctx internal error: bad floating operator"); return;
		}
		abc(o, d, l, r);
		if (c.size == 4)
			ab(Op::F2F32, d, d);
		return;
	}
	bool int32 = c.size == 4 && c.is_signed;
	bool narrow = c.size < 8 && !int32;   // unsigned int (smaller types were promoted)
	switch (op) {
	case BinOp::Add: abc(int32 ? Op::ADD32 : Op::ADD, d, l, r); break;
	case BinOp::Sub: abc(int32 ? Op::SUB32 : Op::SUB, d, l, r); break;
	case BinOp::Mul: abc(int32 ? Op::MUL32 : Op::MUL, d, l, r); break;
	// int / int is gcc's idivl: INT_MIN / -1 traps (DIVS32), where long / long is idivq.
	case BinOp::Div: abc(int32 ? Op::DIVS32 : c.is_signed ? Op::DIVS : Op::DIVU, d, l, r); return;
	case BinOp::Rem: abc(int32 ? Op::REMS32 : c.is_signed ? Op::REMS : Op::REMU, d, l, r); return;
	case BinOp::Shl:
		abc(Op::SHL, d, l, r);
		if (int32)
			ab(Op::SEXT32, d, d);
		break;
	case BinOp::Shr: abc(c.is_signed ? Op::SHRS : Op::SHRU, d, l, r); return;
	case BinOp::And: abc(Op::AND, d, l, r); return;
	case BinOp::Or: abc(Op::OR, d, l, r); return;
	case BinOp::Xor: abc(Op::XOR, d, l, r); return;
	default: fail({}, "kctx internal error: bad arithmetic operator"); return;
	}
	if (narrow)
		if (auto n = narrow_op(t))
			ab(*n, d, d);
}

// lhs op imm, where imm fits the 16-bit immediate of ADDI (Add/Sub only).
uint16_t FunctionGen::arith_imm(BinOp op, const Type* t, int want, const Expr* lhs, int64_t imm)
{
	uint16_t d = dest(want);
	uint32_t save = m_top;
	uint16_t l = expr(lhs, kAny);
	RegClass c = reg_class(t);
	int64_t v = op == BinOp::Add ? imm : -imm;
	bool int32 = c.size == 4 && c.is_signed;
	absc(int32 ? Op::ADDI32 : Op::ADDI, d, l, v);
	if (c.size < 8 && !int32)
		if (auto n = narrow_op(t))
			ab(*n, d, d);
	m_top = save;
	return d;
}

uint16_t FunctionGen::binary(const Expr* e, int want)
{
	BinOp op = e->binop();
	const Expr* l = e->lhs;
	const Expr* r = e->rhs;
	if (is_compare(op)) {
		uint16_t d = dest(want);
		uint32_t save = m_top;
		uint16_t a = operand(l);
		uint16_t b = operand(r);
		RegClass c = reg_class(l->type);
		Op o = Op::EQ;
		uint16_t x = a, y = b;
		if (c.is_float) {
			switch (op) {
			case BinOp::Eq: o = Op::FEQ; break;
			case BinOp::Ne: o = Op::FNE; break;
			case BinOp::Lt: o = Op::FLT; break;
			case BinOp::Le: o = Op::FLE; break;
			case BinOp::Gt: o = Op::FLT; std::swap(x, y); break;
			case BinOp::Ge: o = Op::FLE; std::swap(x, y); break;
			default: break;
			}
		} else {
			bool s = c.is_signed;
			switch (op) {
			case BinOp::Eq: o = Op::EQ; break;
			case BinOp::Ne: o = Op::NE; break;
			case BinOp::Lt: o = s ? Op::LTS : Op::LTU; break;
			case BinOp::Le: o = s ? Op::LES : Op::LEU; break;
			case BinOp::Gt: o = s ? Op::LTS : Op::LTU; std::swap(x, y); break;
			case BinOp::Ge: o = s ? Op::LES : Op::LEU; std::swap(x, y); break;
			default: break;
			}
		}
		abc(o, d, x, y);
		m_top = save;
		return d;
	}
	RegClass c = reg_class(e->type);
	if (!c.is_float && (op == BinOp::Add || op == BinOp::Sub) && r->kind == ExprKind::IntLit &&
	    fits16(r->int_value) && r->int_value != INT16_MIN)
		return arith_imm(op, e->type, want, l, r->int_value);
	if (!c.is_float && op == BinOp::Add && l->kind == ExprKind::IntLit && fits16(l->int_value) && !e->type->is_pointer())
		return arith_imm(op, e->type, want, r, l->int_value);
	uint16_t d = dest(want);
	uint32_t save = m_top;
	uint16_t a = operand(l);
	uint16_t b = operand(r);
	arith(op, e->type, d, a, b);
	m_top = save;
	return d;
}

uint16_t FunctionGen::cond_value(const Expr* e, int want)
{
	uint16_t d = dest(want);
	uint32_t save = m_top;
	int l_else = new_label(), l_end = new_label();
	branch(e->cond, false, l_else);
	m_top = save;
	if (e->type->is_void()) {
		effect(e->lhs);
		m_top = save;
		jump(l_end);
		bind(l_else);
		effect(e->rhs);
		m_top = save;
		bind(l_end);
		return d;
	}
	(void)expr(e->lhs, d);
	m_top = save;
	jump(l_end);
	bind(l_else);
	(void)expr(e->rhs, d);
	m_top = save;
	bind(l_end);
	return d;
}

uint16_t FunctionGen::stmt_expr(const Expr* e, int want)
{
	uint16_t d = e->type->is_void() ? 0 : dest(want);
	uint32_t save_top = m_top, save_floor = m_floor;
	m_floor = m_top;
	const Stmt* body = e->body;
	size_t n = body->items.size();
	for (size_t i = 0; i < n; i++) {
		const Stmt* s = body->items[i];
		if (i + 1 == n && s->kind == StmtKind::Expr && !e->type->is_void()) {
			m_top = m_floor;
			line(s->loc);
			(void)expr(s->expr, d);
			continue;
		}
		stmt(s);
	}
	m_top = save_top;
	m_floor = save_floor;
	return d;
}

uint16_t FunctionGen::assign(const Expr* e, int want, bool need_value)
{
	const Expr* lhs = e->lhs;
	if (lhs->type->is_record()) {
		uint32_t save = m_top;
		uint16_t d = want >= 0 ? static_cast<uint16_t>(want) : 0;
		bool keep = need_value && want < 0;
		if (keep)
			d = alloc();
		uint32_t inner = m_top;
		LVal lv = lvalue(lhs);
		uint16_t dst = address(lv, kAny);
		uint16_t src = expr(e->rhs, kAny);
		copy_record(dst, src, lhs->type->size());
		if (need_value)
			mov(d, dst);
		m_top = keep ? inner : save;
		return d;
	}
	if (lhs->kind == ExprKind::Var && m_reg_of.count(lhs->sym)) {
		uint16_t r = m_reg_of[lhs->sym];
		(void)expr(e->rhs, r);
		if (want >= 0) {
			mov(static_cast<uint16_t>(want), r);
			return static_cast<uint16_t>(want);
		}
		return r;
	}
	uint32_t save = m_top;
	uint16_t d = 0;
	if (want >= 0)
		d = static_cast<uint16_t>(want);
	else if (need_value)
		d = alloc();
	uint32_t inner = m_top;
	LVal lv = lvalue(lhs);
	uint16_t v = expr(e->rhs, need_value ? d : kAny);
	store(lv, v);
	if (lv.bit_width && need_value)
		(void)load(lv, v);   // the value of the assignment is the field's, truncated
	m_top = need_value && want < 0 ? inner : save;
	return v;
}

uint16_t FunctionGen::compound_assign(const Expr* e, int want, bool need_value)
{
	const Expr* lhs = e->lhs;
	const Type* lt = lhs->type;
	const Type* ct = e->comp_type;
	BinOp op = e->binop();
	RegClass cc = reg_class(ct);
	bool imm = !cc.is_float && (op == BinOp::Add || op == BinOp::Sub) && e->rhs->kind == ExprKind::IntLit &&
		   fits16(e->rhs->int_value) && e->rhs->int_value != INT16_MIN;
	auto compute = [&](uint16_t d, uint16_t old) {
		if (imm) {
			int64_t v = op == BinOp::Add ? e->rhs->int_value : -e->rhs->int_value;
			bool int32 = cc.size == 4 && cc.is_signed;
			absc(int32 ? Op::ADDI32 : Op::ADDI, d, old, v);
			if (cc.size < 8 && !int32)
				if (auto n = narrow_op(ct))
					ab(*n, d, d);
			return;
		}
		uint16_t r = operand(e->rhs);
		arith(op, ct, d, old, r);
	};
	if (lhs->kind == ExprKind::Var && m_reg_of.count(lhs->sym)) {
		uint16_t var = m_reg_of[lhs->sym];
		uint32_t save = m_top;
		if (is_noop_conversion(lt, ct) && is_noop_conversion(ct, lt) && !reg_class(lt).is_bool) {
			compute(var, var);
		} else {
			uint16_t t = alloc();
			convert(t, var, lt, ct);
			compute(t, t);
			convert(var, t, ct, lt);
		}
		m_top = save;
		if (want >= 0) {
			mov(static_cast<uint16_t>(want), var);
			return static_cast<uint16_t>(want);
		}
		return var;
	}
	uint32_t save = m_top;
	uint16_t d = want >= 0 ? static_cast<uint16_t>(want) : alloc();
	uint32_t inner = m_top;
	LVal lv = lvalue(lhs);
	uint16_t t = alloc();
	(void)load(lv, t);
	convert(t, t, lt, ct);
	compute(t, t);
	convert(d, t, ct, lt);
	store(lv, d);
	if (lv.bit_width && need_value)
		(void)load(lv, d);
	m_top = need_value && want < 0 ? inner : save;
	if (!need_value && want < 0)
		m_top = save;
	return d;
}

uint16_t FunctionGen::incdec(const Expr* e, int want, bool need_value)
{
	const Expr* lhs = e->lhs;
	const Type* t = lhs->type;
	RegClass c = reg_class(t);
	int64_t delta = e->int_value;
	auto bump = [&](uint16_t d, uint16_t s) {
		if (c.is_float) {
			uint32_t save = m_top;
			uint16_t k = alloc();
			double one = delta > 0 ? 1.0 : -1.0;
			load_bits(k, std::bit_cast<uint64_t>(one));
			abc(Op::FADD, d, s, k);
			if (c.size == 4)
				ab(Op::F2F32, d, d);
			m_top = save;
			return;
		}
		if (c.is_bool) {
			// ++ sets a _Bool to 1; -- flips it (C: b = b - 1, converted to _Bool).
			if (delta > 0)
				load_const(d, 1);
			else
				ab(Op::LNOT, d, s);
			return;
		}
		if (e->rhs) {
			// A pointer to a variable-length array steps by its run-time size.
			uint32_t save = m_top;
			uint16_t k = expr(e->rhs, kAny);
			abc(delta > 0 ? Op::ADD : Op::SUB, d, s, k);
			m_top = save;
			return;
		}
		bool int32 = c.size == 4 && c.is_signed;
		if (fits16(delta)) {
			absc(int32 ? Op::ADDI32 : Op::ADDI, d, s, delta);
		} else {
			uint32_t save = m_top;
			uint16_t k = alloc();
			load_const(k, delta);
			abc(Op::ADD, d, s, k);
			m_top = save;
		}
		if (!int32)
			if (auto n = narrow_op(t))
				ab(*n, d, d);
	};
	if (lhs->kind == ExprKind::Var && m_reg_of.count(lhs->sym)) {
		uint16_t var = m_reg_of[lhs->sym];
		if (!need_value) {
			bump(var, var);
			return var;
		}
		if (e->is_post) {
			uint16_t d = dest(want);
			mov(d, var);
			bump(var, var);
			return d;
		}
		bump(var, var);
		if (want >= 0) {
			mov(static_cast<uint16_t>(want), var);
			return static_cast<uint16_t>(want);
		}
		return var;
	}
	uint32_t save = m_top;
	uint16_t d = want >= 0 ? static_cast<uint16_t>(want) : alloc();
	uint32_t inner = m_top;
	LVal lv = lvalue(lhs);
	uint16_t old = alloc();
	(void)load(lv, old);
	if (e->is_post) {
		uint16_t n = alloc();
		bump(n, old);
		store(lv, n);
		mov(d, old);
	} else {
		bump(d, old);
		store(lv, d);
		if (lv.bit_width && need_value)
			(void)load(lv, d);
	}
	m_top = need_value && want < 0 ? inner : save;
	if (!need_value && want < 0)
		m_top = save;
	return d;
}

}  // namespace kctx::lang::codegen
