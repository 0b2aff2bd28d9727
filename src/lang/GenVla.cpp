// Variable-length arrays: run-time sizes, ALLOCA/SETSP around their scopes, and the
// pre-pass that rejects jumps into a VLA's scope.
#include "lang/CodeGenImpl.h"

namespace kctx::lang::codegen {

// The size in bytes of an array type with a VLA in it: a declared VLA's register, or
// computed here (sizeof(int[n]) in an expression, a cast to a pointer to one).
uint16_t FunctionGen::vla_bytes(const Type* t, int want)
{
	if (auto it = m_vla_size.find(t); it != m_vla_size.end()) {
		if (want < 0)
			return it->second;
		mov(static_cast<uint16_t>(want), it->second);
		return static_cast<uint16_t>(want);
	}
	uint16_t d = dest(want);
	uint32_t save = m_top;
	const Type* elem = t->base;
	uint16_t n = 0;
	if (t->is_vla()) {
		n = expr(t->vla_count, kAny);
	} else {
		n = alloc();
		load_const(n, static_cast<int64_t>(t->length));
	}
	uint16_t e = 0;
	if (elem->is_array() && elem->is_variably_modified()) {
		e = vla_bytes(elem, kAny);
	} else {
		e = alloc();
		load_const(e, static_cast<int64_t>(elem->size()));
	}
	abc(Op::MUL, d, n, e);
	m_top = save;
	return d;
}

// Computes the size of every VLA type in a declaration's type, innermost first, into
// registers that live as long as the declaration: C evaluates a VLA's size expression
// once, where the declaration is reached.
void FunctionGen::declare_vla_types(const Type* t)
{
	std::vector<const Type*> chain;
	for (const Type* p = t; p && (p->is_pointer() || p->is_array()) && chain.size() < 256; p = p->base)
		chain.push_back(p);
	for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
		const Type* v = *it;
		if (!v->is_vla() || m_vla_size.count(v))
			continue;
		uint16_t r = alloc();
		m_floor = m_top;
		(void)vla_bytes(v, r);
		m_vla_size[v] = r;
	}
}

// Gives back the stack of the variable-length arrays declared after the first `depth`.
void FunctionGen::release_vlas(size_t depth)
{
	if (m_vla_scopes.size() > depth)
		emit(Insn::make(Op::SETSP, m_vla_scopes[depth].saved_sp));
}

size_t FunctionGen::label_vla_depth(const std::string& label) const
{
	auto it = m_label_vlas.find(label);
	if (it == m_label_vlas.end())
		return 0;
	return static_cast<size_t>(std::count_if(it->second.begin(), it->second.end(), [](const Stmt* d) {
		return d->var->kind != SymKind::Typedef && d->var->type->is_array();
	}));
}

namespace {

// The pre-pass behind FunctionGen::check_vla_jumps(): which VLAs are in scope at each
// label, goto and case, so that code generation knows what a jump leaves and jumps into
// a VLA's scope are rejected (C11 6.8.6.1p1, 6.8.4.2p2).
struct VlaJumps {
	struct Jump {
		const Stmt* stmt;
		std::vector<const Stmt*> in_scope;
	};
	std::map<std::string, std::vector<const Stmt*>> labels;
	std::vector<Jump> gotos;
	std::vector<std::pair<const Stmt*, const Stmt*>> bad_cases;   // (switch, case)
	std::vector<const Stmt*> scope;
	std::vector<size_t> switch_depths;

	void walk(const Stmt* s, int depth)
	{
		if (!s || depth > 512)
			return;
		switch (s->kind) {
		case StmtKind::Compound: {
			size_t n = scope.size();
			for (const Stmt* i : s->items)
				walk(i, depth + 1);
			scope.resize(n);
			return;
		}
		case StmtKind::Decl:
			// Every identifier of variably modified type: VLAs (which hold stack to give
			// back), pointers to them and typedefs (whose sizes a jump would skip).
			if (s->var && s->var->type->is_variably_modified())
				scope.push_back(s);
			walk_init(s->var_init, depth);
			return;
		case StmtKind::Label:
			labels[s->label] = scope;
			walk(s->body, depth + 1);
			return;
		case StmtKind::Goto: gotos.push_back({s, scope}); return;
		case StmtKind::Switch: {
			walk_expr(s->expr, 0);
			switch_depths.push_back(scope.size());
			walk(s->body, depth + 1);
			switch_depths.pop_back();
			return;
		}
		case StmtKind::Case:
		case StmtKind::Default:
			if (!switch_depths.empty() && scope.size() > switch_depths.back())
				bad_cases.push_back({nullptr, s});
			walk(s->body, depth + 1);
			return;
		case StmtKind::For: {
			size_t n = scope.size();
			walk(s->init, depth + 1);
			walk_expr(s->expr, 0);
			walk_expr(s->step, 0);
			walk(s->body, depth + 1);
			scope.resize(n);
			return;
		}
		default:
			walk_expr(s->expr, 0);
			walk(s->body, depth + 1);
			walk(s->else_body, depth + 1);
			return;
		}
	}
	void walk_init(const Initializer* init, int depth)
	{
		if (!init)
			return;
		for (const InitItem& i : init->items)
			walk_expr(i.expr, 0);
	}
	// Statement expressions can hold declarations and labels too.
	void walk_expr(const Expr* e, int depth)
	{
		if (!e || depth > 2048)
			return;
		if (e->kind == ExprKind::StmtExpr) {
			walk(e->body, 0);
			return;
		}
		walk_expr(e->lhs, depth + 1);
		walk_expr(e->rhs, depth + 1);
		walk_expr(e->cond, depth + 1);
		for (const Expr* a : e->args)
			walk_expr(a, depth + 1);
	}
};

}  // namespace

void FunctionGen::check_vla_jumps()
{
	VlaJumps j;
	j.walk(m_def.body, 0);
	for (const auto& [stmt, in_scope] : j.gotos) {
		auto it = j.labels.find(stmt->label);
		if (it == j.labels.end())
			continue;
		const std::vector<const Stmt*>& at_label = it->second;
		bool prefix = at_label.size() <= in_scope.size() && std::equal(at_label.begin(), at_label.end(), in_scope.begin());
		if (!prefix) {
			fail(stmt->loc, "jump into scope of identifier with variably modified type");
			return;
		}
	}
	for (const auto& [sw, c] : j.bad_cases) {
		fail(c->loc, "switch jumps into scope of identifier with variably modified type");
		return;
	}
	m_label_vlas = std::move(j.labels);
}

}  // namespace kctx::lang::codegen
