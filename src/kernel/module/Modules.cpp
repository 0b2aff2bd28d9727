// Loading and unloading modules (kernel/module/main.c): placing the image, parameters,
// taints, and running module_init/module_exit in the caller's process context.
#include <cstring>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "abi/Preempt.h"
#include "base/Check.h"
#include "kernel/debug/CallTrace.h"
#include "kernel/core/Kernel.h"
#include "kernel/module/ModuleList.h"
#include "kernel/module/Params.h"
#include "kernel/core/Layout.h"

namespace kctx::kernel {

namespace {
// include/linux/license.h license_is_gpl_compatible()
bool gpl_compatible(std::string_view l)
{
	return l == "GPL" || l == "GPL v2" || l == "GPL and additional rights" || l == "Dual BSD/GPL" ||
	       l == "Dual MIT/GPL" || l == "Dual MPL/GPL";
}
}  // namespace

const Module* Kernel::module_of(uint32_t image) const
{
	for (const Module& mod : m.modules)
		if (mod.image == image && mod.state != ModuleState::Gone)
			return &mod;
	return nullptr;
}

Module* Kernel::module_by_owner(uint64_t owner)
{
	// The module whose `__this_module` (THIS_MODULE) is at `owner`, or null.
	for (Module& mod : m.modules) {
		if (mod.state == ModuleState::Gone)
			continue;
		const vm::Global* g = m_code.modules[mod.code]->find_global("__this_module");
		if (g && m.images[mod.image].data_base + g->offset == owner)
			return &mod;
	}
	return nullptr;
}

uint64_t Kernel::module_exit_fn(const Module& mod) const
{
	// include/linux/module.h: module_exit(fn) makes cleanup_module an alias of fn, so a
	// module that defines cleanup_module() itself needs no module_exit().
	const vm::Program& p = *m_code.modules[mod.code];
	const ImageSlot& img = m.images[mod.image];
	uint64_t fn = 0;
	if (const vm::Global* g = p.find_global("__kctx_module_exit"))
		(void)m.kmem.load(img.data_base + g->offset, fn);
	else if (std::optional<uint32_t> f = p.find_function("cleanup_module"))
		fn = img.text_base + p.functions[*f].text_offset;
	return fn;
}

uint64_t Kernel::fops_owner(uint64_t fops) const
{
	uint64_t owner = 0;
	(void)m.kmem.load(fops + abi::layout::file_operations::owner, owner);
	return owner;
}

bool Kernel::try_module_get(uint64_t owner)
{
	// kernel/module/main.c try_module_get(): refused once the module is going away.
	if (!owner)
		return true;
	Module* mod = module_by_owner(owner);
	if (!mod || mod->state == ModuleState::Going)
		return false;
	mod->refcnt++;
	return true;
}

void Kernel::module_put(uint64_t owner)
{
	if (!owner)
		return;
	Module* mod = module_by_owner(owner);
	if (mod && mod->refcnt > 0)
		mod->refcnt--;
}

int64_t Kernel::load_module(uint32_t cpu, TaskId t, uint32_t code, std::string_view params, uint64_t* init_fn)
{
	const vm::Program& p = *m_code.modules.at(code);
	for (const Module& mod : m.modules)
		if (mod.name == p.name && mod.state != ModuleState::Gone)
			return -abi::kEEXIST;
	// check_modinfo() (layout_and_allocate(), before move_module()): the out-of-tree taint.
	if (!(m.tainted & (1u << abi::TAINT_OOT_MODULE)))
		printk(cpu, fmt::format("\0014{}: loading out-of-tree module taints kernel.\n", p.name));
	add_taint(abi::TAINT_OOT_MODULE);
	// move_module(): module_alloc() of text, then data and .bss (page-aligned apart, as
	// CONFIG_STRICT_MODULE_RWX lays them out); -ENOMEM when the area has no room.
	uint64_t text_size = (p.text_size() + vm::kPageSize - 1) & ~(vm::kPageSize - 1);
	uint64_t data_size = std::max<uint64_t>(vm::kPageSize, (p.data_size() + vm::kPageSize - 1) & ~(vm::kPageSize - 1));
	std::optional<uint64_t> base = module_alloc(cpu, text_size + data_size);
	if (!base)
		return -abi::kENOMEM;
	uint64_t text_base = *base;
	uint64_t data_base = text_base + text_size;
	// .data is copied in; .bss pages zero-fill when first touched (vm::Memory).
	m.kmem.map(data_base, data_size, p.name + ".ko data");
	std::vector<uint8_t> data = p.linked_data(text_base, data_base);
	bool ok = data.empty() || m.kmem.write(data_base, data.data(), data.size());
	KCTX_CHECK(ok);
	uint32_t image = static_cast<uint32_t>(m.images.size());
	m.images.push_back({ImageSlot::Kind::Module, code, text_base, data_base});
	rebuild_images();
	m.modules.push_back({p.name, code, image, ModuleState::Coming});
	uint32_t index = static_cast<uint32_t>(m.modules.size() - 1);

	// module_sig_check(): kctx modules are unsigned.
	if (!(m.tainted & (1u << abi::TAINT_UNSIGNED_MODULE)))
		printk(cpu, fmt::format("\0014{}: module verification failed: signature and/or required key missing - tainting kernel\n", p.name));
	add_taint(abi::TAINT_UNSIGNED_MODULE);
	std::string license = "unspecified";
	// MODULE_LICENSE() of the module's first file that has one (a composite module's
	// files name theirs __kctx_module_license_2 …).
	for (const vm::Global& g : p.globals) {
		if (g.name == "__kctx_module_license" || g.name.starts_with("__kctx_module_license_")) {
			(void)m.kmem.read_string(data_base + g.offset, license, 128);
			break;
		}
	}
	if (!gpl_compatible(license)) {
		if (!(m.tainted & (1u << abi::TAINT_PROPRIETARY_MODULE))) {
			printk(cpu, fmt::format("\0014{}: module license '{}' taints kernel.\n", p.name, license));
			printk(cpu, "\0014Disabling lock debugging due to kernel taint\n");
		}
		add_taint(abi::TAINT_PROPRIETARY_MODULE);
	}

	// simplify_symbols(): other modules' exports this one uses.
	if (int64_t err = resolve_module_symbols(cpu, index, gpl_compatible(license))) {
		free_module(index);
		return err;
	}
	// Parameters (kernel/params.c parse_args()); a bad one fails the load after all are
	// tried, with the last error's errno, as parse_args() returns it.
	ParamEnv env = param_env(cpu);
	if (int64_t err = parse_module_args(env, p, data_base, params)) {
		free_module(index);
		return err;
	}
	module_sysfs_setup(index);
	*init_fn = 0;
	if (const vm::Global* g = p.find_global("__kctx_module_init"))
		(void)m.kmem.load(data_base + g->offset, *init_fn);
	else if (std::optional<uint32_t> f = p.find_function("init_module"))
		*init_fn = text_base + p.functions[*f].text_offset;   // module_init(fn) aliases init_module to fn
	(void)t;
	return index;
}

std::optional<uint64_t> Kernel::module_alloc(uint32_t cpu, uint64_t size)
{
	// arch/x86/kernel/module.c module_alloc(): a size past MODULES_LEN fails quietly;
	// otherwise __vmalloc_node_range() searches the area, and when it finds no room
	// alloc_vmap_area() and warn_alloc() say so (GFP_KERNEL: no __GFP_NOWARN).
	uint64_t pages = (size + vm::kPageSize - 1) & ~(vm::kPageSize - 1);
	if (pages > kModulesLen)
		return std::nullopt;
	std::optional<uint64_t> base = module_area_alloc(m.module_area, size);
	if (base)
		return base;
	const Task& cur = m.tasks[m.cpus[cpu].curr];
	printk(cpu, fmt::format("\0014vmap allocation for size {} failed: use vmalloc=<size> to increase size\n",
				pages + vm::kPageSize));
	printk(cpu, fmt::format("\0014{}: vmalloc error: size {}, vm_struct allocation failed, mode:0xcc0(GFP_KERNEL), "
				"nodemask=(null),cpuset=/,mems_allowed=0\n",
				cur.comm, size));
	std::vector<std::string> top = {"warn_alloc+0x138/0x160", "__vmalloc_node_range+0x6c8/0x790",
					"module_alloc+0x63/0xa0", "load_module+0x8d5/0x2a90",
					"__do_sys_finit_module+0xac/0x120"};
	dump_stack(cpu, top);
	return std::nullopt;
}

void Kernel::free_module(uint32_t index)
{
	// free_module(): its sysfs directory goes (mod_sysfs_teardown()), the references it
	// held on the modules it used are dropped (module_unload_free()), and its memory goes
	// back to the area (module_memfree()).
	Module& mod = m.modules[index];
	module_sysfs_teardown(mod);
	release_module_uses(m.modules, mod);
	mod.state = ModuleState::Gone;
	ImageSlot& img = m.images[mod.image];
	auto it = m.module_area.used.find(img.text_base);
	if (it != m.module_area.used.end())
		m.kmem.unmap(it->first, it->second);
	module_area_free(m.module_area, img.text_base);
	img.unloaded = true;
	rebuild_images();
}

void Kernel::step_module_init(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// do_one_initcall(mod->init) in insmod's process context.
	auto& r = f.as<run::ModuleInit>();
	if (r.resume == run::ModuleInit::Resume::Start) {
		r.resume = run::ModuleInit::Resume::Returned;
		if (r.init_fn == 0) {
			f.ret = 0;
			return;
		}
		uint64_t fn = r.init_fn;
		push_vm_call(t, fn, {}, StackKind::Task);
		return;
	}
	Module& mod = m.modules[r.module];
	int32_t ret = static_cast<int32_t>(f.ret);
	if (ret < 0) {
		free_module(r.module);   // do_init_module()'s fail_free_freeinit path
		pop_frame(t, ret);
		return;
	}
	if (ret > 0)
		printk(cpu, fmt::format("\0014do_init_module: '{}'->init suspiciously returned {}, it should follow 0/-E convention\n",
					mod.name, ret));
	mod.state = ModuleState::Live;
	pop_frame(t, 0);
}

void trace_module_init(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("do_one_initcall+0x46/0x1d0");
	add("do_init_module+0x4a/0x1e0");
	add("__do_sys_finit_module+0xac/0x120");
}

void Kernel::step_module_exit(uint32_t cpu, TaskId t, NativeFrame& f)
{
	// delete_module(): mod->exit(), then free the module.
	auto& r = f.as<run::ModuleExit>();
	if (r.resume == run::ModuleExit::Resume::Start) {
		r.resume = run::ModuleExit::Resume::Returned;
		uint64_t fn = r.exit_fn;
		push_vm_call(t, fn, {}, StackKind::Task);
		return;
	}
	Module& mod = m.modules[r.module];
	free_module(r.module);
	m.last_unloaded_module = mod.name;
	(void)cpu;
	pop_frame(t, 0);
}

void trace_module_exit(const Machine& m, const Task& task, const NativeFrame& f, std::vector<TraceLine>& out)
{
	TraceAdder add{out, f.stack};
	add("__do_sys_delete_module+0x1a5/0x2e0");
}

}  // namespace kctx::kernel
