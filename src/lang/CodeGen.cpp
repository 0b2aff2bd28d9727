// The code generator's drivers: ProgramGen::run (data layout, each function generated
// twice) and FunctionGen::run (prologue, parameters, body, epilogue), plus the emission
// helpers (constants, fused compare-and-branch, frame slots).
#include "lang/CodeGen.h"

#include "lang/CodeGenImpl.h"

namespace kctx::lang::codegen {

bool ProgramGen::run()
{
	for (size_t i = 0; i < m_unit.functions.size(); i++)
		m_func_index[m_unit.functions[i]->sym] = static_cast<uint32_t>(i);
	// Linux's order (an ELF's .data, then .bss): objects with an initializer, the string
	// literals, then the objects without one, whose zeros are never stored (a loader
	// maps them and each page zero-fills on first touch). Program::globals keeps the
	// objects in source order.
	// Only objects of kBssMinSize or more go to .bss for now: small ones stay where they
	// were (stored zeros), which keeps existing layouts; see docs/architecture.md.
	auto in_bss = [](const Symbol* o) { return !o->init && o->type->size() >= kBssMinSize; };
	bool any_bss = false;
	for (const Symbol* o : m_unit.objects) {
		m_global_index[o] = static_cast<uint32_t>(m_prog.globals.size());
		m_prog.globals.push_back({o->global_name.empty() ? o->name : o->global_name, 0,
					  static_cast<uint32_t>(o->type->size()),
					  o->is_static || o->storage == Storage::LocalStatic});
		any_bss = any_bss || in_bss(o);
	}
	for (const Symbol* o : m_unit.objects)
		if (!in_bss(o))
			place_object(o, false);
	// The slots the loader fills with other modules' exports are .data too (before .bss).
	for (const Symbol* s : m_unit.imports) {
		uint32_t off = data_alloc(8, 8);
		m_import_slot[s] = off;
		m_prog.imports.push_back({s->name, off, s->kind == SymKind::Func});
	}
	if (any_bss) {
		discover_strings();
		for (const Symbol* o : m_unit.objects)
			if (in_bss(o))
				place_object(o, true);
	}
	for (const Symbol* o : m_unit.objects)
		if (o->init)
			init_data(o);
	for (const FunctionDef* def : m_unit.functions) {
		if (error_count(m_diags) >= kMaxErrors)
			break;
		// Generate once to learn what the function needs, then again with only that
		// (fewer registers to clear per call; plain branches if a jump is too far).
		FunctionGen::Options opt;
		vm::Function fn;
		FunctionGen g(*this, *def, fn, opt);
		bool fused_ok = g.run();
		if (!g.failed()) {
			opt.allow_fused = fused_ok;
			opt.reserve_fp = g.used_fp();
			opt.reserve_gp = g.used_gp();
			opt.pinned = g.hot_constants(6);
			fn = vm::Function{};
			FunctionGen g2(*this, *def, fn, opt);
			(void)g2.run();
			m_prog.function_vars.push_back(g2.take_vars());
		} else {
			m_prog.function_vars.emplace_back();
		}
		m_prog.functions.push_back(std::move(fn));
	}
	return error_count(m_diags) == 0;
}

void ProgramGen::place_object(const Symbol* o, bool bss)
{
	uint32_t align = std::max<uint32_t>({1u, o->type->align(), o->align});
	uint64_t size = o->type->size();
	uint32_t off = bss ? bss_alloc(size, align, o) : data_alloc(size, align, o);
	m_data_off[o] = off;
	m_prog.globals[m_global_index.at(o)].offset = off;
}

void ProgramGen::discover_strings()
{
	// Generates the initializers and every function once, quietly, only for the string
	// literals they place (in the order the real pass meets them), so that .bss can
	// follow them. The objects not placed yet stand at offset 0 meanwhile, so the code,
	// relocations and constants of this pass are thrown away.
	std::vector<uint64_t> constants = m_prog.constants;
	std::map<uint64_t, uint32_t> constant_index = m_constants;
	std::vector<std::string> files = m_prog.files;
	std::map<uint32_t, uint32_t> file_index = m_files;
	size_t relocations = m_prog.relocations.size();
	m_quiet = true;
	for (const Symbol* o : m_unit.objects)
		if (!m_data_off.count(o))
			m_data_off[o] = 0;
	for (const Symbol* o : m_unit.objects)
		if (o->init)
			init_data(o);
	for (const FunctionDef* def : m_unit.functions) {
		vm::Function fn;
		FunctionGen g(*this, *def, fn, FunctionGen::Options{});
		(void)g.run();
	}
	m_quiet = false;
	m_prog.constants = std::move(constants);
	m_constants = std::move(constant_index);
	m_prog.files = std::move(files);
	m_files = std::move(file_index);
	m_prog.relocations.resize(relocations);
}

uint16_t FunctionGen::imported_address(const Symbol* s, uint16_t d)
{
	uint16_t r = address(LVal{false, gp(), *m_pg.import_slot(s), nullptr}, d);
	absc(Op::LD64, r, r, 0);
	return r;
}

void FunctionGen::fail(SourceLoc loc, std::string msg)
{
	if (!m_failed)
		m_pg.error(loc, std::move(msg));
	m_failed = true;
}

void FunctionGen::load_const(uint16_t d, int64_t v)
{
	if (fits32(v)) {
		emit(Insn::make_sbx(Op::LOADI, d, static_cast<int32_t>(v)));
		return;
	}
	emit(Insn::make_bx(Op::LOADK, d, m_pg.constant(static_cast<uint64_t>(v))));
}

void FunctionGen::load_bits(uint16_t d, uint64_t bits)
{
	if (static_cast<int64_t>(bits) >= INT32_MIN && static_cast<int64_t>(bits) <= INT32_MAX) {
		emit(Insn::make_sbx(Op::LOADI, d, static_cast<int32_t>(static_cast<int64_t>(bits))));
		return;
	}
	emit(Insn::make_bx(Op::LOADK, d, m_pg.constant(bits)));
}

void FunctionGen::jump_cmp(BinOp op, uint16_t a, uint16_t b, bool is_signed, int l)
{
	Op o = Op::JEQ;
	uint16_t x = a, y = b;
	switch (op) {
	case BinOp::Eq: o = Op::JEQ; break;
	case BinOp::Ne: o = Op::JNE; break;
	case BinOp::Lt: o = is_signed ? Op::JLTS : Op::JLTU; break;
	case BinOp::Le: o = is_signed ? Op::JLES : Op::JLEU; break;
	case BinOp::Gt: o = is_signed ? Op::JLTS : Op::JLTU; std::swap(x, y); break;
	case BinOp::Ge: o = is_signed ? Op::JLES : Op::JLEU; std::swap(x, y); break;
	default: break;
	}
	if (m_allow_fused) {
		emit(Insn::make_sc(o, x, y, 0));
		add_fixup(l, true);
		return;
	}
	Op c = Op::EQ;
	switch (o) {
	case Op::JEQ: c = Op::EQ; break;
	case Op::JNE: c = Op::NE; break;
	case Op::JLTS: c = Op::LTS; break;
	case Op::JLES: c = Op::LES; break;
	case Op::JLTU: c = Op::LTU; break;
	case Op::JLEU: c = Op::LEU; break;
	default: break;
	}
	uint32_t save = m_top;
	uint16_t t = alloc();
	abc(c, t, x, y);
	jump_if(true, t, l);
	m_top = save;
}

uint32_t FunctionGen::frame_alloc(uint64_t size, uint32_t align)
{
	align = std::max<uint32_t>(align, 1);
	uint64_t off = (m_frame + align - 1) / align * align;
	if (off + size > (1u << 30)) {
		fail(m_def.loc, "the function's local variables are too large");
		return 0;
	}
	m_frame = static_cast<uint32_t>(off + size);
	return static_cast<uint32_t>(off);
}

bool FunctionGen::run()
{
	const Symbol* f = m_def.sym;
	m_fn.name = f->name;
	m_fn.file = m_pg.file_index(m_def.loc.file);
	m_fn.line = m_def.loc.line;
	m_fn.is_static = f->is_static;
	const Type* rt = f->type->base;
	m_fn.returns_value = !rt->is_void();
	m_struct_ret = rt->is_record();
	uint32_t np = static_cast<uint32_t>(m_def.params.size()) + (m_struct_ret ? 1 : 0);
	m_fn.nparams = static_cast<uint16_t>(np);
	m_top = np;
	m_max = np;
	if (m_struct_ret)
		m_ret_ptr = 0;
	// A variadic function's "..." arrives in the registers after the named parameters.
	bool variadic = f->type->variadic;
	m_fn.variadic = variadic;
	if (variadic) {
		m_top += kVarargRegs;
		m_max = m_top;
	}
	// Two pinned registers: the frame's stack memory and the image's data, loaded once
	// by a prologue when the body uses them.
	if (m_opt.reserve_fp)
		m_fp = alloc();
	if (m_opt.reserve_gp)
		m_gp = alloc();
	for (int64_t v : m_opt.pinned)
		m_const_regs[v] = alloc();
	m_floor = m_top;
	// The register save area: va_start points a va_list at it (the psABI's
	// overflow_arg_area, one 8-byte slot per promoted argument).
	if (variadic && m_def.uses_va_start) {
		// The first frame allocation: its offsets are small.
		m_va_area = frame_alloc(8ull * kVarargRegs, 16);
		for (uint32_t i = 0; i < kVarargRegs; i++)
			absc(Op::ST64, static_cast<uint16_t>(np + i), fp(), m_va_area + 8ll * i);
	}
	// Parameters: registers, or copied into the frame when their address is taken or
	// they are structures (passed by address).
	for (size_t i = 0; i < m_def.params.size(); i++) {
		const Symbol* p = m_def.params[i];
		uint16_t reg = static_cast<uint16_t>(i + (m_struct_ret ? 1 : 0));
		if (!is_memory_resident(p)) {
			m_reg_of[p] = reg;
			continue;
		}
		uint32_t off = frame_alloc(p->type->size(), p->type->align());
		m_slot_of[p] = off;
		LVal slot{false, fp(), off, p->type};
		if (p->type->is_record()) {
			uint16_t dst = address(slot, kAny);
			copy_record(dst, reg, p->type->size());
			m_top = m_floor;
		} else {
			store(slot, reg);
		}
	}
	// Variably modified parameters (`int m[n][n]` is `int (*m)[n]`): their sizes are
	// evaluated on entry, in order, from the parameters before them (C11 6.9.1p10).
	for (size_t i = 0; i < m_def.params.size(); i++) {
		if (m_def.params[i]->type->is_variably_modified())
			declare_vla_types(m_def.params[i]->type);
		if (i < m_def.param_decayed_counts.size() && m_def.param_decayed_counts[i]) {
			effect(m_def.param_decayed_counts[i]);
			m_top = m_floor;
		}
	}
	for (const Symbol* p : m_def.params)
		if (p)
			record_var(p, true);
	line(m_def.loc);
	check_vla_jumps();
	stmt(m_def.body);
	if (m_reachable) {
		line(m_def.end_loc);
		m_top = m_floor;
		if (rt->is_void()) {
			emit(Insn::make(Op::RETV));
		} else if (f->name == "main") {
			uint16_t z = alloc();
			load_const(z, 0);
			emit(Insn::make(Op::RET, z));
		} else {
			emit(Insn::make(Op::TRAP, kTrapNoReturn));
		}
	}
	for (const Label& l : m_labels)
		if (!l.fixups.empty())
			fail(m_def.loc, "kctx internal error: a jump to a label that was never placed");
	if (m_fused_overflow && m_allow_fused)
		return false;
	// The prologue, prepended: jumps are relative, so only the line table moves.
	std::vector<Insn> prologue;
	if (m_fp_used)
		prologue.push_back(Insn::make_bx(Op::LADDR, m_fp, 0));
	if (m_gp_used)
		prologue.push_back(Insn::make_bx(Op::GADDR, m_gp, 0));
	for (int64_t v : m_opt.pinned) {
		uint16_t r = m_const_regs[v];
		if (fits32(v))
			prologue.push_back(Insn::make_sbx(Op::LOADI, r, static_cast<int32_t>(v)));
		else
			prologue.push_back(Insn::make_bx(Op::LOADK, r, m_pg.constant(static_cast<uint64_t>(v))));
	}
	m_fn.code = std::move(prologue);
	uint32_t shift = static_cast<uint32_t>(m_fn.code.size());
	m_fn.code.insert(m_fn.code.end(), m_code.begin(), m_code.end());
	for (vm::LineEntry& le : m_fn.lines)
		le.pc = le.pc == 0 ? 0 : le.pc + shift;
	// Variables: a block starting at the body's first pc starts with the prologue; the
	// parameters (and anything still open) last to the end.
	for (vm::VarInfo& v : m_vars) {
		v.lo = v.lo == 0 ? 0 : v.lo + shift;
		v.hi = v.hi == UINT32_MAX ? static_cast<uint32_t>(m_fn.code.size()) : v.hi + shift;
	}
	m_fn.nregs = static_cast<uint16_t>(std::min<uint32_t>(m_max, UINT16_MAX));
	// Every frame takes at least 16 bytes of stack (a return address and a saved frame
	// pointer on x86-64), so unbounded recursion overflows the stack as it would there.
	m_fn.frame_size = 16 + ((m_frame + 15) & ~15u);
	return true;
}

}  // namespace kctx::lang::codegen

namespace kctx::lang {

bool generate(const Unit& unit, const SourceSet& sources, vm::Program& program, DiagnosticSink& diags)
{
	codegen::ProgramGen g(unit, sources, program, diags);
	return g.run();
}

}  // namespace kctx::lang
