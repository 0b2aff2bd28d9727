// Conversions between register classes, lvalues (registers, frame, data, through
// pointers, bit-fields), loads, stores and struct copies.
#include "lang/CodeGenImpl.h"

#include <fmt/format.h>

namespace kctx::lang::codegen {

bool FunctionGen::is_noop_conversion(const Type* from, const Type* to) const
{
	if (to->is_void())
		return true;
	RegClass f = reg_class(from), t = reg_class(to);
	if (f.is_float || t.is_float)
		return f.is_float && t.is_float && (t.size == 8 || f.size == 4);
	if (t.is_bool)
		return f.is_bool;
	if (t.size == 8)
		return true;
	if (f.size < t.size)
		return !(f.is_signed && !t.is_signed);
	return f.size == t.size && f.is_signed == t.is_signed;
}

void FunctionGen::convert(uint16_t d, uint16_t s, const Type* from, const Type* to)
{
	if (to->is_void())
		return;
	RegClass f = reg_class(from), t = reg_class(to);
	if (t.is_bool) {
		if (f.is_bool) {
			mov(d, s);
			return;
		}
		if (f.is_float) {
			uint32_t save = m_top;
			uint16_t z = alloc();
			load_const(z, 0);
			abc(Op::FNE, d, s, z);
			m_top = save;
			return;
		}
		ab(Op::LNOT, d, s);
		ab(Op::LNOT, d, d);
		return;
	}
	if (t.is_float) {
		if (f.is_float) {
			if (t.size == 4 && f.size == 8)
				ab(Op::F2F32, d, s);
			else
				mov(d, s);
			return;
		}
		bool u64 = !f.is_signed && f.size == 8;
		ab(u64 ? Op::U2F : Op::I2F, d, s);
		if (t.size == 4)
			ab(Op::F2F32, d, d);
		return;
	}
	if (f.is_float) {
		bool u64 = !t.is_signed && t.size == 8;
		ab(u64 ? Op::F2U : Op::F2I, d, s);
		if (auto n = narrow_op(to))
			ab(*n, d, d);
		return;
	}
	if (is_noop_conversion(from, to)) {
		mov(d, s);
		return;
	}
	if (auto n = narrow_op(to)) {
		ab(*n, d, s);
		return;
	}
	mov(d, s);
}

LVal FunctionGen::lvalue(const Expr* e)
{
	LVal lv;
	lv.type = e->type;
	switch (e->kind) {
	case ExprKind::Var: {
		const Symbol* s = e->sym;
		if (s->storage == Storage::Local || s->storage == Storage::Param) {
			if (auto vla = m_vla_addr.find(s); vla != m_vla_addr.end()) {
				lv.reg = vla->second;
				return lv;
			}
			if (s->type->is_array() && s->type->is_variably_modified()) {
				fail(e->loc, fmt::format("kctx internal error: variable-length array '{}' used before its declaration", s->name));
				return lv;
			}
			auto r = m_reg_of.find(s);
			if (r != m_reg_of.end()) {
				lv.is_reg = true;
				lv.reg = r->second;
				return lv;
			}
			auto slot = m_slot_of.find(s);
			if (slot == m_slot_of.end()) {
				// A variable whose declaration was jumped over is still given its home.
				if (is_memory_resident(s)) {
					uint32_t off = frame_alloc(s->type->size(), s->type->align());
					m_slot_of[s] = off;
					lv.reg = fp();
					lv.off = off;
					return lv;
				}
				uint16_t r2 = alloc();
				m_reg_of[s] = r2;
				fail(e->loc, fmt::format("kctx internal limitation: variable '{}' used before its declaration was generated",
							 s->name));
				lv.is_reg = true;
				lv.reg = r2;
				return lv;
			}
			lv.reg = fp();
			lv.off = slot->second;
			return lv;
		}
		auto off = m_pg.data_offset(s);
		if (!off && s->kernel_address) {
			m_pg.note_kernel_data(s->name);
			lv.reg = alloc();   // the kernel's own object (jiffies), at its fixed address
			load_bits(lv.reg, *s->kernel_address);
			return lv;
		}
		if (!off && m_pg.import_slot(s)) {
			lv.reg = imported_address(s, alloc());   // another module's exported object
			return lv;
		}
		if (!off) {
			fail(e->loc, fmt::format("'{}' has no storage in this file", s->name));
			return lv;
		}
		lv.reg = gp();
		lv.off = *off;
		return lv;
	}
	case ExprKind::Deref: {
		const Expr* p = e->lhs;
		// obj[i] where obj is an array in memory: base register + i, offset in the access.
		if (p->kind == ExprKind::Binary && p->binop() == BinOp::Add && p->type->is_pointer() &&
		    p->lhs->kind == ExprKind::AddrOf && p->lhs->lhs->kind != ExprKind::Func &&
		    p->rhs->kind != ExprKind::IntLit) {
			LVal obj = lvalue(p->lhs->lhs);
			if (!obj.is_reg) {
				uint16_t idx = expr(p->rhs, kAny);
				uint16_t t = alloc();
				abc(Op::ADD, t, obj.reg, idx);
				lv.reg = t;
				lv.off = obj.off;
				return lv;
			}
		}
		if (p->kind == ExprKind::Binary && (p->binop() == BinOp::Add || p->binop() == BinOp::Sub) &&
		    p->type->is_pointer() && p->rhs->kind == ExprKind::IntLit) {
			int64_t off = p->binop() == BinOp::Add ? p->rhs->int_value : -p->rhs->int_value;
			if (fits32(off)) {
				lv.reg = expr(p->lhs, kAny);
				lv.off = off;
				return lv;
			}
		}
		lv.reg = expr(p, kAny);
		return lv;
	}
	case ExprKind::Member: {
		LVal base = lvalue(e->lhs);
		if (base.is_reg) {
			fail(e->loc, "kctx internal error: a structure in a register");
			return lv;
		}
		lv.reg = base.reg;
		lv.off = base.off + static_cast<int64_t>(e->offset);
		if (e->bit_width) {
			lv.type = e->bit_type;
			lv.bit_offset = e->bit_offset;
			lv.bit_width = e->bit_width;
		}
		return lv;
	}
	case ExprKind::StrLit: {
		lv.reg = gp();
		lv.off = m_pg.string_offset(e->str);
		return lv;
	}
	case ExprKind::CompoundLit: {
		auto slot = m_slot_of.find(e->sym);
		uint32_t off = 0;
		if (slot == m_slot_of.end()) {
			off = frame_alloc(e->type->size(), e->type->align());
			m_slot_of[e->sym] = off;
		} else {
			off = slot->second;
		}
		LVal obj;
		obj.reg = fp();
		obj.off = off;
		obj.type = e->type;
		init_object(e->init, obj, e->type);
		return obj;
	}
	default: {
		// An rvalue structure (a call's result, ?:, assignment): its value is its address.
		lv.reg = expr(e, kAny);
		return lv;
	}
	}
}

uint16_t FunctionGen::address(const LVal& lv, int want)
{
	if (lv.off == 0 && want < 0)
		return lv.reg;
	uint16_t d = dest(want);
	if (fits16(lv.off)) {
		absc(Op::ADDI, d, lv.reg, lv.off);
		return d;
	}
	uint32_t save = m_top;
	uint16_t t = alloc();
	load_const(t, lv.off);
	abc(Op::ADD, d, lv.reg, t);
	m_top = save;
	return d;
}

uint16_t FunctionGen::load(const LVal& lv, int want)
{
	if (lv.bit_width) {
		// Shift the field to the top, then back down (arithmetically if signed).
		uint16_t d = dest(want);
		uint32_t save = m_top;
		uint16_t base = lv.reg;
		int64_t off = lv.off;
		if (!fits16(off)) {
			base = address(LVal{false, lv.reg, lv.off, lv.type}, kAny);
			off = 0;
		}
		absc(unit_load_op(lv.type), d, base, off);
		uint16_t k = alloc();
		int up = 64 - lv.bit_offset - lv.bit_width;
		if (up > 0) {
			load_const(k, up);
			abc(Op::SHL, d, d, k);
		}
		load_const(k, 64 - lv.bit_width);
		bool is_signed = lv.type->is_signed() && !lv.type->is_bool();
		abc(is_signed ? Op::SHRS : Op::SHRU, d, d, k);
		m_top = save;
		return d;
	}
	if (lv.is_reg) {
		if (want < 0)
			return lv.reg;
		mov(static_cast<uint16_t>(want), lv.reg);
		return static_cast<uint16_t>(want);
	}
	if (lv.type->is_record() || lv.type->is_array() || lv.type->is_function())
		return address(lv, want);
	uint16_t d = dest(want);
	if (fits16(lv.off)) {
		absc(load_op(lv.type), d, lv.reg, lv.off);
		return d;
	}
	uint32_t save = m_top;
	uint16_t a = address(LVal{false, lv.reg, lv.off, lv.type}, kAny);
	absc(load_op(lv.type), d, a, 0);
	m_top = save;
	return d;
}

void FunctionGen::store(const LVal& lv, uint16_t value)
{
	if (lv.bit_width) {
		// Read the unit, clear the field's bits, or in the new ones, write the unit.
		uint32_t save = m_top;
		uint16_t base = lv.reg;
		int64_t off = lv.off;
		if (!fits16(off)) {
			base = address(LVal{false, lv.reg, lv.off, lv.type}, kAny);
			off = 0;
		}
		uint64_t ones = lv.bit_width >= 64 ? ~0ull : (1ull << lv.bit_width) - 1;
		uint16_t unit = alloc(), mask = alloc(), t = alloc(), k = alloc();
		absc(unit_load_op(lv.type), unit, base, off);
		load_bits(mask, ones << lv.bit_offset);
		load_const(k, lv.bit_offset);
		abc(Op::SHL, t, value, k);
		abc(Op::AND, t, t, mask);
		ab(Op::NOT, mask, mask);
		abc(Op::AND, unit, unit, mask);
		abc(Op::OR, unit, unit, t);
		absc(store_op(lv.type), unit, base, off);
		m_top = save;
		return;
	}
	if (lv.is_reg) {
		mov(lv.reg, value);
		return;
	}
	if (lv.type->is_record()) {
		uint32_t save = m_top;
		uint16_t a = address(lv, kAny);
		copy_record(a, value, lv.type->size());
		m_top = save;
		return;
	}
	if (fits16(lv.off)) {
		absc(store_op(lv.type), value, lv.reg, lv.off);
		return;
	}
	uint32_t save = m_top;
	uint16_t a = address(LVal{false, lv.reg, lv.off, lv.type}, kAny);
	absc(store_op(lv.type), value, a, 0);
	m_top = save;
}

void FunctionGen::copy_record(uint16_t dst_addr, uint16_t src_addr, uint64_t size)
{
	uint32_t save = m_top;
	uint16_t n = alloc();
	load_const(n, static_cast<int64_t>(size));
	abc(Op::MEMCPY, dst_addr, src_addr, n);
	m_top = save;
}

}  // namespace kctx::lang::codegen
