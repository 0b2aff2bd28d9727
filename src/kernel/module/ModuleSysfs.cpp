// /sys/module/NAME (kernel/module/sysfs.c, kernel/params.c): the directory a loaded module
// has, its refcnt and initstate, and under parameters/ one file per module_param*() whose
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
	for (const Param& prm : module_params(p, m.images[mod.image].data_base)) {
		if (!prm.perm)
			continue;
		fs[dir + "/parameters"] = SysfsNode{Kind::Dir, 0, 0, SysfsOps::Native, 0, {}};
		fs[dir + "/parameters/" + prm.name] =
			SysfsNode{Kind::File, static_cast<uint64_t>(prm.kind), prm.at, SysfsOps::Param, prm.perm, prm.type};
	}
}

void Kernel::module_sysfs_teardown(const Module& mod)
{
	sysfs_remove_dir(module_dir(mod.name));   // mod_sysfs_teardown()
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
	// param_attr_show() -> ops->get(): param_get_<type>() and param_array_get().
	const std::string& type = node.text;
	auto one = [&](uint64_t var) -> std::string {
		uint64_t v = 0;
		(void)m.kmem.load(var, v);   // little-endian: the low bytes are the value
		uint32_t size = param_type_size(type);
		uint64_t mask = size == 8 ? ~0ull : (1ull << (size * 8)) - 1;
		uint64_t u = v & mask;
		int64_t s = size == 8 ? static_cast<int64_t>(u)
				      : static_cast<int64_t>(u << (64 - size * 8)) >> (64 - size * 8);
		if (type == "bool")
			return u ? "Y" : "N";
		if (type == "invbool")
			return u ? "N" : "Y";
		if (type == "charp") {
			std::string str;
			(void)m.kmem.read_string(u, str, 4096);
			return str;
		}
		if (type == "hexint")
			return fmt::format("{:#08x}", u);
		if (type == "short" || type == "int" || type == "long")
			return fmt::format("{}", s);
		return fmt::format("{}", u);
	};
	uint64_t at = node.attr;
	if (node.kobj == static_cast<uint64_t>(Param::Kind::Scalar)) {
		uint64_t var = 0;
		(void)m.kmem.load(at, var);
		return one(var) + "\n";
	}
	if (node.kobj == static_cast<uint64_t>(Param::Kind::String)) {
		uint64_t buf = 0;
		std::string str;
		(void)m.kmem.load(at, buf);
		(void)m.kmem.read_string(buf, str, 4096);
		return str + "\n";
	}
	uint64_t elem = 0, num = 0, max = 0;
	(void)m.kmem.load(at, elem);
	(void)m.kmem.load(at + 8, num);
	(void)m.kmem.load(at + 16, max);
	uint32_t count = static_cast<uint32_t>(max);
	if (num)
		(void)m.kmem.load(num, count);
	std::string text;
	for (uint32_t i = 0; i < count && i < max; i++)
		text += (i ? "," : "") + one(elem + i * param_type_size(type));
	return text + "\n";
}

int64_t Kernel::module_sysfs_store(uint32_t cpu, const std::string& path, const SysfsNode& node, const std::string& data)
{
	// param_attr_store(): ops->set() on the text as written; the count, or its error.
	if (node.ops != SysfsOps::Param)
		return -abi::kEIO;
	std::string name = path.substr(path.rfind('/') + 1);
	int err = set_module_param(cpu, name, data, node.text, static_cast<int>(node.kobj), node.attr);
	return err ? err : static_cast<int64_t>(data.size());
}

}  // namespace kctx::kernel
