// Symbols one module exports (EXPORT_SYMBOL) and another uses (kernel/module/main.c):
// simplify_symbols() links each undefined symbol of a module being loaded to a live
// module's export, and ref_module() makes the user hold a reference to the exporter, so
// that the exporter cannot be unloaded first (lsmod's "Used by").
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/KernelData.h"
#include "base/Check.h"
#include "kernel/user/Uname.h"
#include "kernel/core/Kernel.h"
#include "kernel/module/ModuleList.h"

namespace kctx::kernel {

namespace {
constexpr std::string_view kKsymtab = "__kctx_ksymtab_";   // EXPORT_SYMBOL's marker (prelude kernel.h)
}  // namespace

std::optional<uint64_t> Kernel::find_exported_symbol(const vm::Import& imp, bool gpl_ok, uint32_t* owner) const
{
	// find_symbol(): the symbol tables of the loaded modules; a GPL-only export is not
	// found for a module whose license is not GPL-compatible (fsa.gplok).
	for (uint32_t i = 0; i < m.modules.size(); i++) {
		const Module& mod = m.modules[i];
		if (mod.state != ModuleState::Live)
			continue;
		const vm::Program& p = *m_code.modules[mod.code];
		const ImageSlot& img = m.images[mod.image];
		const vm::Global* mark = p.find_global(std::string(kKsymtab) + imp.name);
		if (!mark)
			continue;
		std::string license;
		(void)m.kmem.read_string(img.data_base + mark->offset, license, 8);
		if (license == "GPL" && !gpl_ok)
			continue;
		std::optional<uint64_t> addr;
		if (imp.function) {
			if (std::optional<uint32_t> f = p.find_function(imp.name))
				addr = img.text_base + p.functions[*f].text_offset;
		} else if (const vm::Global* g = p.find_global(imp.name); g && !g->is_static) {
			addr = img.data_base + g->offset;
		}
		if (addr) {
			*owner = i;
			return addr;
		}
	}
	return std::nullopt;
}

int64_t Kernel::resolve_module_symbols(uint32_t cpu, uint32_t index, bool gpl_ok)
{
	// simplify_symbols(): every undefined symbol is looked up; each one missing is
	// reported (pr_warn "Unknown symbol"), and the load fails with -ENOENT after all.
	const vm::Program& p = *m_code.modules[m.modules[index].code];
	uint64_t data_base = m.images[m.modules[index].image].data_base;
	int64_t err = 0;
	// The kernel's own objects it names (jiffies) are linked already, at their place in
	// the kernel image: from now on the kernel keeps them current (run_vm).
	if (!p.kernel_data.empty() && !m.kernel_data_live) {
		m.kernel_data_live = true;
		m.kmem.map(abi::kJiffiesAddress & ~(vm::kPageSize - 1), vm::kPageSize, "kernel .data");
		// init_uts_ns.name: what uname(2) reports (Uname.cpp), fixed from boot.
		std::array<std::string, 6> uts = uts_fields(m_config);
		for (size_t i = 0; i < uts.size(); i++)
			KCTX_CHECK(m.kmem.write(abi::kInitUtsNsAddress + i * abi::kUtsFieldLen, uts[i].c_str(),
						uts[i].size() + 1));
	}
	for (const vm::Import& imp : p.imports) {
		uint32_t owner = 0;
		std::optional<uint64_t> addr = find_exported_symbol(imp, gpl_ok, &owner);
		if (!addr) {
			printk(cpu, fmt::format("\0014{}: Unknown symbol {} (err {})\n", p.name, imp.name, -abi::kENOENT));
			err = -abi::kENOENT;
			continue;
		}
		(void)m.kmem.store(data_base + imp.offset, *addr);
		// ref_module(): one reference to the exporter per using module.
		std::vector<uint32_t>& uses = m.modules[index].uses;
		if (std::find(uses.begin(), uses.end(), owner) == uses.end()) {
			uses.push_back(owner);
			m.modules[owner].refcnt++;
		}
	}
	if (err)
		release_module_uses(m.modules, m.modules[index]);
	return err;
}

std::vector<std::string> Kernel::module_users(uint32_t index) const
{
	// mod->source_list: the loaded modules that use this one's symbols.
	std::vector<std::string> out;
	for (const Module& mod : m.modules)
		if (mod.state != ModuleState::Gone && std::find(mod.uses.begin(), mod.uses.end(), index) != mod.uses.end())
			out.push_back(mod.name);
	return out;
}

}  // namespace kctx::kernel
