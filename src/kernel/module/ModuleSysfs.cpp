// /sys/module/NAME (kernel/module/sysfs.c, kernel/params.c): the directory a loaded module
// has, its refcnt, initstate and holders/ (a link per module using it), and under parameters/ one file per module_param*() whose
// perm is not 0, read with param_get_*() and written with param_set_*().
#include <fmt/format.h>

#include "abi/Errno.h"
#include "kernel/core/Kernel.h"
#include "kernel/module/Params.h"

namespace kctx::kernel {

namespace {
using Kind = SysfsNode::Kind;

std::string module_dir(const std::string& name) { return "/sys/module/" + name; }
}  // namespace

void Kernel::module_sysfs_setup(uint32_t index)
{
	// mod_sysfs_setup(): the module's kobject, then module_param_sysfs_setup() (a
	// parameters/ directory only if some parameter has a perm) and the module attributes.
	const Module& mod = m.modules[index];
	const vm::Program& p = *m_code.modules[mod.code];
	std::string dir = module_dir(mod.name);
	auto& fs = m.devmodel.sysfs;
	fs[dir] = SysfsNode{Kind::Dir, 0, 0, SysfsOps::Native, 0, {}};
	fs[dir + "/holders"] = SysfsNode{Kind::Dir, 0, 0, SysfsOps::Native, 0, {}};
	for (std::string which : {"refcnt", "initstate"})
		fs[dir + "/" + which] = SysfsNode{Kind::File, index, 0, SysfsOps::Module, 0444, which};
	// kernel/module/sysfs.c add_usage_links(): in the holders/ of each module this one
	// uses, a link named after this one (`ls /sys/module/dep/holders` is "dep2").
	for (uint32_t owner : mod.uses)
		fs[module_dir(m.modules[owner].name) + "/holders/" + mod.name] =
			SysfsNode{Kind::Link, 0, 0, SysfsOps::Native, 0, dir};
	for (const Param& prm : module_params(p, m.images[mod.image].data_base)) {
		if (!prm.perm)
			continue;
		fs[dir + "/parameters"] = SysfsNode{Kind::Dir, 0, 0, SysfsOps::Native, 0, {}};
		fs[dir + "/parameters/" + prm.name] =
			SysfsNode{Kind::File, static_cast<uint64_t>(prm.kind), prm.at, SysfsOps::Param, prm.perm, prm.type};
	}
}

ParamEnv Kernel::param_env(uint32_t cpu)
{
	return ParamEnv{m.kmem, [this, cpu](std::string_view text) { printk(cpu, text); },
			[this](uint64_t size) { return alloc_kernel(size, "param"); }};
}

void Kernel::module_sysfs_teardown(const Module& mod)
{
	// mod_sysfs_teardown(): del_usage_links() first, then the module's directory.
	for (uint32_t owner : mod.uses)
		m.devmodel.sysfs.erase(module_dir(m.modules[owner].name) + "/holders/" + mod.name);
	sysfs_remove_dir(module_dir(mod.name));
}

std::string Kernel::module_sysfs_show(const SysfsNode& node) const
{
	if (node.ops == SysfsOps::Module) {
		const Module& mod = m.modules[node.kobj];
		if (node.text == "refcnt")
			return fmt::format("{}\n", mod.refcnt);   // show_refcnt(): module_refcount()
		// show_initstate()
		return mod.state == ModuleState::Live ? "live\n" : mod.state == ModuleState::Coming ? "coming\n" : "going\n";
	}
	return show_module_param(m.kmem, node.text, static_cast<Param::Kind>(node.kobj), node.attr);
}

int64_t Kernel::module_sysfs_store(uint32_t cpu, const std::string& path, const SysfsNode& node, const std::string& data)
{
	// param_attr_store(): ops->set() on the text as written; the count, or its error.
	if (node.ops != SysfsOps::Param)
		return -abi::kEIO;
	std::string name = path.substr(path.rfind('/') + 1);
	ParamEnv env = param_env(cpu);
	int err = set_module_param(env, name, data, node.text, static_cast<Param::Kind>(node.kobj), node.attr);
	return err ? err : static_cast<int64_t>(data.size());
}

}  // namespace kctx::kernel
