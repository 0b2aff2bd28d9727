// Initializers: static objects' bytes and relocations in the data image, and automatic
// objects' stores.
#include "lang/CodeGenImpl.h"

namespace kctx::lang::codegen {

void ProgramGen::write_scalar(uint64_t off, const Type* t, const ConstVal& v, SourceLoc loc)
{
	uint8_t* p = m_prog.data.data() + off;
	uint64_t size = t->size();
	if (v.kind == ConstVal::Kind::Address) {
		if (size != 8) {
			error(loc, "initializer element is not a compile-time constant (an address does not fit)");
			return;
		}
		vm::Relocation r;
		r.offset = static_cast<uint32_t>(off);
		r.kind = v.target_kind;
		r.target = v.target;
		r.addend = v.i;
		if (r.kind != vm::Relocation::Kind::Data && v.i != 0) {
			error(loc, "initializer element is not a compile-time constant (an offset from a function address)");
			return;
		}
		m_prog.relocations.push_back(r);
		std::memset(p, 0, 8);
		return;
	}
	if (t->is_float()) {
		double d = v.kind == ConstVal::Kind::Float ? v.f : static_cast<double>(v.i);
		if (t->kind == TypeKind::Float) {
			float f = static_cast<float>(d);
			std::memcpy(p, &f, 4);
		} else {
			std::memcpy(p, &d, 8);
		}
		return;
	}
	int64_t i = v.kind == ConstVal::Kind::Float ? static_cast<int64_t>(v.f) : v.i;
	uint64_t u = static_cast<uint64_t>(i);
	for (uint64_t k = 0; k < size && k < 8; k++)
		p[k] = static_cast<uint8_t>(u >> (8 * k));
}

// Why a static initializer is not a constant. A function no file of the module defines
// is one Kbuild's modpost stops at ("ERROR: modpost: "f" [m.ko] undefined!"); another
// module's export is linked at insmod for calls, not in a static object's bytes.
std::string ProgramGen::not_constant_message(const Expr* e) const
{
	const Expr* x = e;
	while (x->kind == ExprKind::Cast || x->kind == ExprKind::AddrOf)
		x = x->lhs;
	if (x->kind == ExprKind::Func && x->sym && x->sym->imported)
		return fmt::format("function '{}' is not defined in any file of this module (Kbuild's modpost: "
				   "\"{}\" undefined!); kctx links another module's export for calls, not in a "
				   "static initializer",
				   x->sym->name, x->sym->name);
	return "initializer element is not a compile-time constant";
}

void ProgramGen::init_data(const Symbol* o)
{
	uint64_t base = m_data_off[o];
	for (const InitItem& it : o->init->items) {
		const Type* t = it.type;
		const Expr* e = it.expr;
		uint64_t off = base + it.offset;
		if (t->is_array() && e->kind == ExprKind::StrLit) {
			uint64_t n = std::min<uint64_t>(e->str.size(), t->size());
			std::memcpy(m_prog.data.data() + off, e->str.data(), n);
			continue;
		}
		if (t->is_record()) {
			error(e->loc, "initializer element is not a compile-time constant", e->length);
			continue;
		}
		auto v = eval(e);
		if (!v) {
			error(e->loc, not_constant_message(e), e->length);
			continue;
		}
		if (it.bit_width) {
			if (v->kind != ConstVal::Kind::Int) {
				error(e->loc, "initializer element for a bit-field is not an integer constant", e->length);
				continue;
			}
			uint64_t unit = 0;
			uint64_t size = t->size();
			std::memcpy(&unit, m_prog.data.data() + off, size);
			uint64_t ones = it.bit_width >= 64 ? ~0ull : (1ull << it.bit_width) - 1;
			unit = (unit & ~(ones << it.bit_offset)) | ((static_cast<uint64_t>(v->i) & ones) << it.bit_offset);
			std::memcpy(m_prog.data.data() + off, &unit, size);
			continue;
		}
		write_scalar(off, t, *v, e->loc);
	}
}

void FunctionGen::init_object(const Initializer* init, const LVal& obj, const Type* t)
{
	if (!init)
		return;
	uint32_t save = m_top;
	if (obj.is_reg) {
		// A scalar in a register: one item at offset 0.
		for (const InitItem& it : init->items)
			(void)expr(it.expr, obj.reg);
		if (init->items.empty())
			load_const(obj.reg, 0);
		m_top = save;
		return;
	}
	if (init->aggregate) {
		uint16_t a = address(obj, kAny);
		uint16_t z = alloc();
		uint16_t n = alloc();
		load_const(z, 0);
		load_const(n, static_cast<int64_t>(t->size()));
		abc(Op::MEMSET, a, z, n);
		m_top = save;
	}
	for (const InitItem& it : init->items) {
		LVal at{false, obj.reg, obj.off + static_cast<int64_t>(it.offset), it.type, it.bit_offset, it.bit_width};
		if (it.type->is_array() && it.expr->kind == ExprKind::StrLit) {
			uint64_t n = std::min<uint64_t>(it.expr->str.size(), it.type->size());
			uint16_t dst = address(at, kAny);
			uint16_t src = address(LVal{false, gp(), m_pg.string_offset(it.expr->str), it.type}, kAny);
			copy_record(dst, src, n);
			m_top = save;
			continue;
		}
		if (init->aggregate && it.expr->kind == ExprKind::IntLit && it.expr->int_value == 0)
			continue;   // already zeroed
		uint16_t v = expr(it.expr, kAny);
		store(at, v);
		m_top = save;
	}
}

}  // namespace kctx::lang::codegen
