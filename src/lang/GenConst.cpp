// Static initializers' constants: the value or address (plus addend) of an expression
// known at load time.
#include "lang/CodeGenImpl.h"

namespace kctx::lang::codegen {

std::optional<ConstVal> ProgramGen::address_of(const Expr* e, int depth)
{
	if (depth > 128)
		return std::nullopt;
	switch (e->kind) {
	case ExprKind::Var: {
		auto off = data_offset(e->sym);
		if (!off && e->sym->kernel_address) {
			note_kernel_data(e->sym->name);
			ConstVal v;   // &jiffies: the kernel image's fixed address, a plain number
			v.i = static_cast<int64_t>(*e->sym->kernel_address);
			return v;
		}
		if (!off)
			return std::nullopt;
		ConstVal v;
		v.kind = ConstVal::Kind::Address;
		v.target_kind = vm::Relocation::Kind::Data;
		v.target = *off;
		return v;
	}
	case ExprKind::StrLit: {
		ConstVal v;
		v.kind = ConstVal::Kind::Address;
		v.target_kind = vm::Relocation::Kind::Data;
		v.target = string_offset(e->str);
		return v;
	}
	case ExprKind::Func: {
		ConstVal v;
		v.kind = ConstVal::Kind::Address;
		if (auto idx = function_index(e->sym)) {
			v.target_kind = vm::Relocation::Kind::Function;
			v.target = *idx;
			return v;
		}
		if (e->sym->builtin) {
			v.target_kind = vm::Relocation::Kind::Builtin;
			v.target = static_cast<uint32_t>(*e->sym->builtin);
			return v;
		}
		return std::nullopt;
	}
	case ExprKind::Member: {
		auto b = address_of(e->lhs, depth + 1);
		if (!b)
			return b;
		b->i += static_cast<int64_t>(e->offset);
		return b;
	}
	case ExprKind::Deref: return eval(e->lhs, depth + 1);
	default: return std::nullopt;
	}
}

std::optional<ConstVal> ProgramGen::eval(const Expr* e, int depth)
{
	if (depth > 128)
		return std::nullopt;
	switch (e->kind) {
	case ExprKind::IntLit: {
		ConstVal v;
		v.i = e->int_value;
		return v;
	}
	case ExprKind::FloatLit: {
		ConstVal v;
		v.kind = ConstVal::Kind::Float;
		v.f = e->float_value;
		return v;
	}
	case ExprKind::AddrOf: return address_of(e->lhs, depth + 1);
	case ExprKind::Cast: {
		auto v = eval(e->lhs, depth + 1);
		if (!v)
			return v;
		const Type* to = e->type;
		const Type* from = e->lhs->type;
		if (to->is_void())
			return std::nullopt;
		if (v->kind == ConstVal::Kind::Address) {
			if (to->is_pointer() || (to->is_integer() && to->size() == 8))
				return v;
			return std::nullopt;
		}
		if (to->is_float()) {
			if (v->kind == ConstVal::Kind::Int)
				v->f = from->is_signed() ? static_cast<double>(v->i) : static_cast<double>(static_cast<uint64_t>(v->i));
			if (to->kind == TypeKind::Float)
				v->f = static_cast<double>(static_cast<float>(v->f));
			v->kind = ConstVal::Kind::Float;
			return v;
		}
		if (v->kind == ConstVal::Kind::Float) {
			if (!(v->f > -9.2e18 && v->f < 9.2e18))
				return std::nullopt;
			v->i = static_cast<int64_t>(v->f);
			v->kind = ConstVal::Kind::Int;
		}
		if (to->is_bool())
			v->i = v->i != 0;
		else
			v->i = Sema::normalize(v->i, to);
		return v;
	}
	case ExprKind::Binary: {
		BinOp op = e->binop();
		if (op != BinOp::Add && op != BinOp::Sub)
			return std::nullopt;
		auto a = eval(e->lhs, depth + 1);
		auto b = eval(e->rhs, depth + 1);
		if (!a || !b)
			return std::nullopt;
		if (a->kind == ConstVal::Kind::Address && b->kind == ConstVal::Kind::Int) {
			a->i = op == BinOp::Add ? a->i + b->i : a->i - b->i;
			return a;
		}
		if (a->kind == ConstVal::Kind::Int && b->kind == ConstVal::Kind::Int) {
			uint64_t x = static_cast<uint64_t>(a->i), y = static_cast<uint64_t>(b->i);
			a->i = Sema::normalize(static_cast<int64_t>(op == BinOp::Add ? x + y : x - y), e->type);
			return a;
		}
		return std::nullopt;
	}
	case ExprKind::Cond: {
		auto c = eval(e->cond, depth + 1);
		if (!c || c->kind != ConstVal::Kind::Int)
			return std::nullopt;
		return eval(c->i ? e->lhs : e->rhs, depth + 1);
	}
	case ExprKind::Comma: return std::nullopt;
	default: return std::nullopt;
	}
}

}  // namespace kctx::lang::codegen
