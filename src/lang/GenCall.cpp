// Calls (bytecode functions, builtins, through pointers, structs by value, variadic
// arguments) and <stdarg.h>'s va_start/va_arg/va_copy/va_end.
#include "lang/CodeGenImpl.h"

#include <fmt/format.h>

namespace kctx::lang::codegen {

uint16_t FunctionGen::call(const Expr* e, int want)
{
	const Expr* callee = e->lhs;
	const Type* ft = callee->kind == ExprKind::Func ? callee->type : callee->type->base;
	const Type* rt = ft->base;
	bool struct_ret = rt->is_record();
	line(e->loc);
	// sqrt(x) is one instruction.
	if (callee->kind == ExprKind::Func && callee->sym->builtin && *callee->sym->builtin == abi::BuiltinId::sqrt &&
	    !m_pg.function_index(callee->sym) && e->args.size() == 1) {
		uint16_t d = dest(want);
		uint32_t save = m_top;
		uint16_t a = expr(e->args[0], kAny);
		ab(Op::FSQRT, d, a);
		m_top = save;
		return d;
	}
	uint32_t save = m_top;
	uint32_t nargs = static_cast<uint32_t>(e->args.size()) + (struct_ret ? 1 : 0);
	uint16_t base = static_cast<uint16_t>(m_top);
	for (uint32_t i = 0; i < nargs; i++)
		(void)alloc();
	if (nargs == 0)
		(void)alloc();   // the result register
	uint32_t k = 0;
	if (struct_ret) {
		uint32_t slot = frame_alloc(rt->size(), rt->align());
		(void)address(LVal{false, fp(), slot, rt}, base);
		k = 1;
	}
	for (const Expr* a : e->args) {
		// Structures go by address (the callee copies them); builtins take none.
		if (a->type->is_record() && callee->kind == ExprKind::Func && callee->sym->builtin &&
		    !m_pg.function_index(callee->sym))
			fail(a->loc, "kctx does not support passing a structure to a builtin function yet");
		(void)expr(a, static_cast<uint16_t>(base + k));
		m_top = base + std::max<uint32_t>(nargs, 1);
		k++;
	}
	uint16_t d = want >= 0 ? static_cast<uint16_t>(want) : base;
	// A kernel-C variadic function has kVarargRegs registers for its "..." (a builtin
	// takes any number: it reads the caller's registers).
	bool to_builtin = callee->kind == ExprKind::Func && callee->sym->builtin && !m_pg.function_index(callee->sym);
	if (ft->variadic && !to_builtin && e->args.size() > ft->params.size() + kVarargRegs)
		fail(e->args[ft->params.size() + kVarargRegs]->loc,
		     fmt::format("kctx passes at most {} arguments through '...' to a function defined in kernel C", kVarargRegs));
	if (callee->kind == ExprKind::Func) {
		const Symbol* s = callee->sym;
		if (auto idx = m_pg.function_index(s)) {
			const FunctionDef* def = m_pg.def_of(*idx);
			uint32_t expect = static_cast<uint32_t>(def->params.size()) + (def->sym->type->base->is_record() ? 1 : 0);
			if (def->sym->type->variadic ? nargs < expect : expect != nargs)
				fail(e->loc, fmt::format("call to '{}' with {} arguments, but its definition takes {}", s->name,
							 e->args.size(), def->params.size()));
			abc(Op::CALL, d, base, static_cast<uint16_t>(nargs));
			emit(Insn::make_bx(Op::NOP, 0, *idx));
		} else if (s->builtin) {
			abc(Op::CALLB, d, base, static_cast<uint16_t>(nargs));
			emit(Insn::make_bx(Op::NOP, 0, static_cast<uint32_t>(*s->builtin)));
		} else if (m_pg.import_slot(s)) {
			// Another module's EXPORT_SYMBOL: called through the address the loader linked.
			uint16_t p = imported_address(s, alloc());
			abc(Op::CALLI, d, base, static_cast<uint16_t>(nargs));
			emit(Insn::make_bx(Op::NOP, p, 0));
		} else {
			fail(e->loc, fmt::format("function '{}' is declared but never defined", s->name));
		}
	} else {
		uint16_t p = expr(callee, kAny);
		abc(Op::CALLI, d, base, static_cast<uint16_t>(nargs));
		emit(Insn::make_bx(Op::NOP, p, 0));
	}
	m_top = want >= 0 ? save : std::max<uint32_t>(save, static_cast<uint32_t>(base) + 1);
	return d;
}

// <stdarg.h>. A va_list is gcc's struct __va_list_tag[1]; kernel C fills it as a
// psABI va_list whose register part is used up (gp_offset 48, fp_offset 304), so every
// argument comes from overflow_arg_area: the register save area of this frame, one
// 8-byte slot per argument, already promoted by the caller (README.md).
uint16_t FunctionGen::stdarg(const Expr* e, int want)
{
	uint16_t d = dest(want);
	uint32_t save = m_top;
	uint16_t ap = expr(e->lhs, kAny);
	switch (e->kind) {
	case ExprKind::VaStart: {
		uint16_t v = alloc();
		load_const(v, 48);
		absc(Op::ST32, v, ap, 0);     // gp_offset: the six integer registers are used up
		load_const(v, 304);
		absc(Op::ST32, v, ap, 4);     // fp_offset: so are the eight vector registers
		(void)address(LVal{false, fp(), m_va_area, nullptr}, v);
		absc(Op::ST64, v, ap, 8);     // overflow_arg_area
		absc(Op::ST64, v, ap, 16);    // reg_save_area
		break;
	}
	case ExprKind::VaArg: {
		if (e->int_value) {
			emit(Insn::make(Op::TRAP, kTrapVaArgPromoted));
			break;
		}
		uint16_t slot = alloc();
		absc(Op::LD64, slot, ap, 8);
		if (e->type->is_record()) {
			// Structures travel by address (the calling convention): copy the object,
			// as va_arg yields a value.
			uint32_t off = frame_alloc(e->type->size(), e->type->align());
			uint16_t obj = address(LVal{false, fp(), off, e->type}, kAny);
			uint16_t src = alloc();
			absc(Op::LD64, src, slot, 0);
			copy_record(obj, src, e->type->size());
			mov(d, obj);
		} else {
			(void)load(LVal{false, slot, 0, e->type}, d);
		}
		absc(Op::ADDI, slot, slot, 8);
		absc(Op::ST64, slot, ap, 8);
		break;
	}
	case ExprKind::VaCopy: {
		uint16_t src = expr(e->rhs, kAny);
		copy_record(ap, src, 24);   // sizeof(struct __va_list_tag)
		break;
	}
	default: break;   // va_end: nothing to release
	}
	m_top = save;
	return d;
}

}  // namespace kctx::lang::codegen
