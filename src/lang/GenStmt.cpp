// Statements: declarations with their initializers, and every statement kind (blocks,
// if, loops, switch, jumps, labels, return).
#include "lang/CodeGenImpl.h"

namespace kctx::lang::codegen {

// A variable as a debugger sees it, visible in the innermost open block; its location is
// the one m_reg_of / m_slot_of gave it.
void FunctionGen::record_var(const Symbol* v, bool param)
{
	if (v->kind != SymKind::Var || v->name.empty())
		return;
	vm::VarInfo info;
	info.name = v->name;
	info.type = type_name(v->type);
	info.param = param;
	info.depth = static_cast<uint16_t>(m_scopes.size());
	info.lo = m_scopes.empty() ? 0 : m_scopes.back().second;
	info.hi = UINT32_MAX;
	info.scalar = v->type->is_scalar();
	info.size = static_cast<uint8_t>(info.scalar ? v->type->size() : 8);
	info.is_signed = info.scalar && v->type->is_signed();
	if (auto r = m_reg_of.find(v); r != m_reg_of.end()) {
		info.at = r->second;
	} else if (auto f = m_slot_of.find(v); f != m_slot_of.end()) {
		info.where = vm::VarInfo::Where::Frame;
		info.at = f->second;
	} else {
		return;   // a variable-length array: no fixed place
	}
	m_vars.push_back(std::move(info));
}

// The innermost block ends here: its variables are visible up to this pc.
void FunctionGen::close_scope()
{
	if (m_scopes.empty())
		return;
	for (size_t i = m_scopes.back().first; i < m_vars.size(); i++)
		if (m_vars[i].hi == UINT32_MAX)
			m_vars[i].hi = pc();
	m_scopes.pop_back();
}

void FunctionGen::declare(const Stmt* s)
{
	declare_object(s);
	record_var(s->var, false);
}

void FunctionGen::declare_object(const Stmt* s)
{
	const Symbol* v = s->var;
	if (v->type->is_variably_modified()) {
		declare_vla_types(v->type);
		if (v->kind == SymKind::Typedef)
			return;   // `typedef int row[n];`: only its sizes
		if (v->type->is_array()) {
			// The array itself: room below the frame, sp saved to give it back.
			uint16_t size = vla_bytes(v->type, kAny);
			uint16_t saved = alloc();
			uint16_t addr = alloc();
			m_floor = m_top;
			ab(Op::GETSP, saved, 0);
			ab(Op::ALLOCA, addr, size);
			m_vla_addr[v] = addr;
			m_vla_scopes.push_back({s, saved});
			return;
		}
	}
	if (is_memory_resident(v)) {
		uint32_t off = 0;
		auto it = m_slot_of.find(v);
		if (it != m_slot_of.end()) {
			off = it->second;
		} else {
			off = frame_alloc(v->type->size(), std::max(v->type->align(), v->align));
			m_slot_of[v] = off;
		}
		if (s->var_init) {
			LVal obj{false, fp(), off, v->type};
			init_object(s->var_init, obj, v->type);
		}
		return;
	}
	uint16_t r = 0;
	auto it = m_reg_of.find(v);
	if (it != m_reg_of.end()) {
		r = it->second;
	} else {
		r = alloc();
		m_floor = m_top;
		m_reg_of[v] = r;
	}
	if (s->var_init) {
		LVal obj{true, r, 0, v->type};
		init_object(s->var_init, obj, v->type);
	}
}

void FunctionGen::stmt(const Stmt* s)
{
	if (m_failed)
		return;
	m_top = m_floor;
	switch (s->kind) {
	case StmtKind::Null: return;
	case StmtKind::Expr:
		line(s->loc);
		if (s->expr)
			effect(s->expr);
		return;
	case StmtKind::Decl:
		// A declaration without an initializer has no code: a line record for it would
		// take over the previous line's (`int sum = 0; int i;` gave sum's store to i's line).
		if (s->var_init || (s->var && s->var->type && s->var->type->is_variably_modified()))
			line(s->loc);
		declare(s);
		m_top = m_floor;
		return;
	case StmtKind::Compound: {
		uint32_t save = m_floor;
		size_t vlas = m_vla_scopes.size();
		open_scope();
		for (const Stmt* i : s->items)
			stmt(i);
		close_scope();
		if (m_reachable)
			release_vlas(vlas);   // the block's variable-length arrays go out of scope
		m_vla_scopes.resize(std::min(vlas, m_vla_scopes.size()));
		m_floor = save;
		m_top = save;
		return;
	}
	case StmtKind::If: {
		line(s->loc);
		if (!s->else_body) {
			int target = jump_target(s->body);
			if (target >= 0) {
				branch(s->expr, true, target);
				return;
			}
		}
		int l_else = new_label(), l_end = new_label();
		branch(s->expr, false, l_else);
		stmt(s->body);
		if (s->else_body) {
			jump(l_end);
			bind(l_else);
			stmt(s->else_body);
			bind(l_end);
		} else {
			bind(l_else);
		}
		return;
	}
	case StmtKind::While: {
		line(s->loc);
		int l_body = new_label(), l_cond = new_label(), l_break = new_label();
		bool forever = s->expr->kind == ExprKind::IntLit && s->expr->int_value != 0;
		if (!forever)
			jump(l_cond);
		bind(l_body);
		m_loop_depth++;
		m_targets.push_back({l_break, l_cond, m_vla_scopes.size()});
		stmt(s->body);
		m_targets.pop_back();
		bind(l_cond);
		m_top = m_floor;
		line(s->loc);
		if (forever)
			jump(l_body);
		else
			branch(s->expr, true, l_body);
		m_loop_depth--;
		bind(l_break);
		return;
	}
	case StmtKind::DoWhile: {
		int l_body = new_label(), l_cond = new_label(), l_break = new_label();
		bind(l_body);
		m_loop_depth++;
		m_targets.push_back({l_break, l_cond, m_vla_scopes.size()});
		stmt(s->body);
		m_targets.pop_back();
		bind(l_cond);
		m_top = m_floor;
		line(s->expr->loc);
		branch(s->expr, true, l_body);
		m_loop_depth--;
		bind(l_break);
		return;
	}
	case StmtKind::For:
		for_stmt(s);
		return;
	case StmtKind::Switch:
		switch_stmt(s);
		return;
	case StmtKind::Case:
	case StmtKind::Default: {
		auto it = m_case_labels.find(s);
		if (it != m_case_labels.end())
			bind(it->second);
		stmt(s->body);
		return;
	}
	case StmtKind::Break:
	case StmtKind::Continue: {
		line(s->loc);
		bool is_break = s->kind == StmtKind::Break;
		for (auto it = m_targets.rbegin(); it != m_targets.rend(); ++it) {
			if (is_break) {
				release_vlas(it->vla_depth);
				jump(it->break_label);
				return;
			}
			if (it->continue_label >= 0) {
				release_vlas(it->vla_depth);
				jump(it->continue_label);
				return;
			}
		}
		return;
	}
	case StmtKind::Goto: {
		line(s->loc);
		release_vlas(label_vla_depth(s->label));
		jump(named_label(s->label));
		return;
	}
	case StmtKind::Label: {
		bind(named_label(s->label));
		stmt(s->body);
		return;
	}
	case StmtKind::Return:
		return_stmt(s);
		return;
	}
}

// for (init; cond; step): the condition is tested at the bottom, entered by a jump
// unless it is constant true; declarations in init live for the whole loop.
void FunctionGen::for_stmt(const Stmt* s)
{
	line(s->loc);
	uint32_t save = m_floor;
	size_t vlas = m_vla_scopes.size();
	open_scope();   // the init's declarations are the loop's
	// The init's declarations stay live for the whole loop.
	if (s->init && s->init->kind == StmtKind::Compound) {
		for (const Stmt* d : s->init->items)
			stmt(d);
	} else if (s->init) {
		stmt(s->init);
	}
	m_top = m_floor;
	int l_body = new_label(), l_cont = new_label(), l_cond = new_label(), l_break = new_label();
	bool forever = !s->expr || (s->expr->kind == ExprKind::IntLit && s->expr->int_value != 0);
	if (!forever)
		jump(l_cond);
	bind(l_body);
	m_loop_depth++;
	m_targets.push_back({l_break, l_cont, m_vla_scopes.size()});
	stmt(s->body);
	m_targets.pop_back();
	bind(l_cont);
	m_top = m_floor;
	if (s->step) {
		line(s->step->loc);
		effect(s->step);
	}
	bind(l_cond);
	m_top = m_floor;
	if (forever) {
		jump(l_body);
	} else {
		line(s->expr->loc);
		branch(s->expr, true, l_body);
	}
	m_loop_depth--;
	close_scope();
	bind(l_break);
	release_vlas(vlas);
	m_vla_scopes.resize(std::min(vlas, m_vla_scopes.size()));
	m_floor = save;
	m_top = save;
}

// switch: a compare-and-branch per case (ranges take two) to labels bound where the
// case statements are reached in the body.
void FunctionGen::switch_stmt(const Stmt* s)
{
	line(s->loc);
	uint32_t save = m_floor;
	uint16_t v = alloc();
	(void)expr(s->expr, v);
	m_floor = m_top;
	int l_break = new_label();
	int l_default = l_break;
	bool is_signed = reg_class(s->expr->type).is_signed;
	uint16_t k = alloc();
	for (const Stmt* c : s->cases) {
		int l = new_label();
		m_case_labels[c] = l;
		if (c->kind == StmtKind::Default) {
			l_default = l;
			continue;
		}
		if (c->case_lo == c->case_hi) {
			load_const(k, c->case_lo);
			jump_cmp(BinOp::Eq, v, k, is_signed, l);
			continue;
		}
		int skip = new_label();
		load_const(k, c->case_lo);
		jump_cmp(BinOp::Lt, v, k, is_signed, skip);
		load_const(k, c->case_hi);
		jump_cmp(BinOp::Le, v, k, is_signed, l);
		bind(skip);
	}
	jump(l_default);
	m_top = m_floor;
	m_targets.push_back({l_break, -1, m_vla_scopes.size()});
	stmt(s->body);
	m_targets.pop_back();
	bind(l_break);
	m_floor = save;
	m_top = save;
}

void FunctionGen::return_stmt(const Stmt* s)
{
	line(s->loc);
	const Type* rt = m_def.sym->type->base;
	if (!s->expr || rt->is_void()) {
		if (s->expr)
			effect(s->expr);
		if (rt->is_void()) {
			emit(Insn::make(Op::RETV));
		} else {
			uint16_t z = alloc();
			load_const(z, 0);
			emit(Insn::make(Op::RET, z));
		}
		m_reachable = false;
		return;
	}
	if (m_struct_ret) {
		uint16_t src = expr(s->expr, kAny);
		copy_record(m_ret_ptr, src, rt->size());
		emit(Insn::make(Op::RET, m_ret_ptr));
		m_reachable = false;
		return;
	}
	if (s->expr->kind == ExprKind::Cond && !s->expr->type->is_void()) {
		// return c ? a : b  ->  two returns, no join.
		int l_else = new_label();
		branch(s->expr->cond, false, l_else);
		m_top = m_floor;
		emit(Insn::make(Op::RET, expr(s->expr->lhs, kAny)));
		bind(l_else);
		m_top = m_floor;
		emit(Insn::make(Op::RET, expr(s->expr->rhs, kAny)));
		m_reachable = false;
		return;
	}
	uint16_t r = expr(s->expr, kAny);
	emit(Insn::make(Op::RET, r));
	m_reachable = false;
}

int FunctionGen::jump_target(const Stmt* s)
{
	while (s->kind == StmtKind::Compound && s->items.size() == 1)
		s = s->items[0];
	// A jump out of a variable-length array's scope must release it first.
	switch (s->kind) {
	case StmtKind::Goto:
		return label_vla_depth(s->label) < m_vla_scopes.size() ? -1 : named_label(s->label);
	case StmtKind::Break:
		if (m_targets.empty() || m_targets.back().vla_depth < m_vla_scopes.size())
			return -1;
		return m_targets.back().break_label;
	case StmtKind::Continue:
		for (auto it = m_targets.rbegin(); it != m_targets.rend(); ++it)
			if (it->continue_label >= 0)
				return it->vla_depth < m_vla_scopes.size() ? -1 : it->continue_label;
		return -1;
	default: return -1;
	}
}

}  // namespace kctx::lang::codegen
