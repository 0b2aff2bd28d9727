// Classes and devices (drivers/base/class.c, core.c, devtmpfs.c): class_create() makes
// /sys/class/NAME; device_create() makes /sys/devices/virtual/CLASS/NAME with its dev and
// uevent files, the /sys/class/CLASS/NAME link, the class's dev_groups, and the /dev node
// devtmpfs gives it. dev_printk() prefixes "DRIVER DEVICE: ".
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/core/Kernel.h"
#include "kernel/fs/DevNodes.h"
#include "kernel/fs/Kstat.h"
#include "kernel/mm/Slab.h"
#include "kernel/time/Jiffies.h"

namespace kctx::kernel {

namespace {
using abi::BuiltinId;
using Kind = SysfsNode::Kind;
namespace KO = abi::layout::kobject;
namespace DV = abi::layout::device;
namespace CL = abi::layout::device_class;

[[nodiscard]] bool is_err_or_null(uint64_t p) { return p == 0 || p >= static_cast<uint64_t>(-4095); }
[[nodiscard]] uint64_t err_ptr(int64_t err) { return static_cast<uint64_t>(err); }
}   // namespace

namespace {
// The frames between the module and sysfs_warn_dup() when device_create() finds the
// name taken (device_add -> kobject_add).
const std::vector<std::string> kDeviceCreateCallers = {"kobject_add+0x7e/0xb0", "device_add+0x12d/0x8c0",
						       "device_create_groups_vargs+0xd5/0xf0",
						       "device_create+0x49/0x60"};
const std::vector<std::string> kClassCreateCallers = {"kset_register+0x4b/0x80", "__class_register+0x10f/0x1b0",
						      "__class_create+0x4b/0x90"};
}   // namespace

int64_t Kernel::class_create(uint32_t cpu, uint64_t owner, const std::string& name, uint64_t name_ptr)
{
	// __class_create() -> __class_register(): /sys/class/NAME, or ERR_PTR(-EEXIST).
	uint64_t cls = alloc_kernel(CL::size, "class");
	(void)m.kmem.fill(cls, 0, CL::size);
	(void)m.kmem.store(cls + CL::name, name_ptr);
	(void)m.kmem.store(cls + CL::owner, owner);
	if (sysfs_create_dir(cpu, 0, "/sys/class/" + name, SysfsOps::Kobj, false, kClassCreateCallers) < 0)
		return -abi::kEEXIST;
	m.devmodel.classes[cls] = name;
	return static_cast<int64_t>(cls);
}

void Kernel::device_unregister(uint64_t dev)
{
	// device_del(): the node devtmpfs made, the class link, the directory.
	auto it = m.devmodel.devices.find(dev);
	if (it == m.devmodel.devices.end())
		return;
	const DeviceState& d = it->second;
	for (auto n = m.vfs.nodes.begin(); n != m.vfs.nodes.end();) {
		if (n->second.device != dev) {
			++n;
			continue;
		}
		m.vfs.attrs.erase(n->first);   // devtmpfs_delete_node()
		n = m.vfs.nodes.erase(n);
	}
	auto cls = m.devmodel.classes.find(d.cls);
	std::string cls_name = cls == m.devmodel.classes.end() ? std::string() : cls->second;
	m.devmodel.sysfs.erase("/sys/class/" + cls_name + "/" + d.name);
	sysfs_remove_dir(kobject_dir(dev));
	m.devmodel.kobjects.erase(dev);
	m.devmodel.devices.erase(it);
	std::erase(m.devmodel.device_order, dev);
	devres_release_all(dev);
}

void Kernel::devres_release_all(uint64_t dev)
{
	// drivers/base/devres.c release_nodes(): the newest first, each devm_kmalloc()'s
	// memory freed as kfree() frees it.
	auto it = m.devmodel.devres.find(dev);
	if (it == m.devmodel.devres.end())
		return;
	std::vector<uint64_t> blocks = std::move(it->second);
	m.devmodel.devres.erase(it);
	for (auto b = blocks.rbegin(); b != blocks.rend(); ++b)
		if (slab_free(m.slab, m.kmem, *b, {}) == FreeResult::NotSlab)
			(void)free_page_block(*b);
}

int64_t Kernel::class_register(uint32_t cpu, uint64_t cls)
{
	// drivers/base/class.c __class_register(): /sys/class/NAME, -EEXIST if taken, then
	// class_add_groups() makes the class_groups' attribute files, whose show() and
	// store() get the class (class_attr_show(), as kobj_attr_show() calls them).
	uint64_t name_ptr = 0, groups = 0;
	(void)m.kmem.load(cls + CL::name, name_ptr);
	(void)m.kmem.load(cls + CL::class_groups, groups);
	std::string name = read_kstring(name_ptr);
	if (sysfs_create_dir(cpu, cls, "/sys/class/" + name, SysfsOps::Kobj, false, kClassCreateCallers) < 0)
		return -abi::kEEXIST;
	m.devmodel.classes[cls] = name;
	for (uint64_t i = 0; groups; i++) {
		uint64_t grp = 0;
		if (!m.kmem.load(groups + i * 8, grp) || !grp)
			break;
		if (int64_t err = sysfs_create_group(cpu, cls, grp); err < 0) {
			class_unregister(cls);
			return err;
		}
	}
	return 0;
}

void Kernel::class_unregister(uint64_t cls)
{
	// class_unregister() (and class_destroy(), which calls it): the class's directory
	// with its attributes; its devices were destroyed before.
	auto it = m.devmodel.classes.find(cls);
	if (it == m.devmodel.classes.end())
		return;
	sysfs_remove_dir("/sys/class/" + it->second);
	m.devmodel.kobjects.erase(cls);
	m.devmodel.classes.erase(it);
}

uint64_t Kernel::device_create(uint32_t cpu, uint64_t cls, uint64_t parent, uint32_t devt, uint64_t drvdata,
			       const std::string& name)
{
	// device_create_groups_vargs(): -ENODEV without a class.
	if (is_err_or_null(cls) || !m.devmodel.classes.contains(cls))
		return err_ptr(-abi::kENODEV);
	const std::string cls_name = m.devmodel.classes.at(cls);
	std::string dir = parent && !kobject_dir(parent).empty() ? kobject_dir(parent) + "/" + name
								 : "/sys/devices/virtual/" + cls_name + "/" + name;
	uint64_t dev = alloc_kernel(DV::size, "device");
	(void)m.kmem.fill(dev, 0, DV::size);
	uint64_t name_ptr = alloc_kernel(name.size() + 1, "device name");
	(void)m.kmem.write(name_ptr, name.c_str(), name.size() + 1);
	(void)m.kmem.store(dev + DV::kobj + KO::name, name_ptr);
	(void)m.kmem.store(dev + DV::kobj + KO::kref, int32_t{1});
	(void)m.kmem.store(dev + DV::parent, parent);
	(void)m.kmem.store(dev + DV::driver_data, drvdata);
	(void)m.kmem.store(dev + DV::devt, devt);
	(void)m.kmem.store(dev + DV::cls, cls);
	if (sysfs_create_dir(cpu, dev, dir, SysfsOps::Device, false, kDeviceCreateCallers) < 0)
		return err_ptr(-abi::kEEXIST);
	m.devmodel.devices[dev] = DeviceState{cls, devt, name};
	m.devmodel.device_order.push_back(dev);
	uint32_t major = dev_major(devt), minor = devt & ((1u << kMinorBits) - 1);
	// device_add(): uevent always, dev when there is a device number (drivers/base/core.c
	// dev_attr_uevent, dev_attr_dev), and the class link.
	std::string uevent = major ? fmt::format("MAJOR={}\nMINOR={}\nDEVNAME={}\n", major, minor, name) : "";
	m.devmodel.sysfs[dir + "/uevent"] = SysfsNode{Kind::File, dev, 0, SysfsOps::Native, 0644, uevent};
	if (major)
		m.devmodel.sysfs[dir + "/dev"] =
			SysfsNode{Kind::File, dev, 0, SysfsOps::Native, 0444, fmt::format("{}:{}\n", major, minor)};
	m.devmodel.sysfs["/sys/class/" + cls_name + "/" + name] = SysfsNode{Kind::Link, 0, 0, SysfsOps::Kobj, 0, dir};
	// device_add_attrs(): the class's dev_groups (NULL-terminated).
	uint64_t groups = 0;
	(void)m.kmem.load(cls + CL::dev_groups, groups);
	for (uint64_t i = 0; groups; i++) {
		uint64_t grp = 0;
		if (!m.kmem.load(groups + i * 8, grp) || !grp)
			break;
		if (sysfs_create_group(cpu, dev, grp) < 0)
			break;
	}
	// devtmpfs_create_node(): /dev/NAME, unless something is there already.
	if (major) {
		std::string node = "/dev/" + name;
		std::replace(node.begin() + 5, node.end(), '!', '/');
		if (!lookup_dev_node(node)) {
			DevNode n;
			n.major = major;
			n.minor = minor;
			n.device = dev;
			m.vfs.nodes[node] = n;
			m.vfs.attrs[node] = NodeAttr{kS_IFCHR | kDevtmpfsDefaultPerm, realtime_ns(m.cpus[cpu].now)};
		}
	}
	return dev;
}

std::string Kernel::dev_printk_prefix(uint64_t dev) const
{
	// __dev_printk(): "%s %s: " with dev_driver_string() (the driver's, the bus's or the
	// class's name, each a struct whose first member is its name) and dev_name().
	if (!dev)
		return "(NULL device *): ";
	uint64_t driver = 0, cls = 0, name_ptr = 0, dname = 0;
	(void)m.kmem.load(dev + DV::driver, driver);
	(void)m.kmem.load(dev + DV::cls, cls);
	(void)m.kmem.load(dev + DV::kobj + KO::name, dname);
	uint64_t bus = 0;
	(void)m.kmem.load(dev + DV::bus, bus);
	uint64_t owner = driver ? driver : bus ? bus : cls;
	if (owner)
		(void)m.kmem.load(owner, name_ptr);
	return fmt::format("{} {}: ", name_ptr ? read_kstring(name_ptr) : "", read_kstring(dname));
}

bool Kernel::device_builtin(uint32_t cpu, TaskId t, const vm::BuiltinCall& call, std::span<const uint64_t> args)
{
	auto arg = [&](size_t i) -> uint64_t { return i < args.size() ? args[i] : 0; };
	auto ret = [&](uint64_t v) {
		finish_builtin(t, v);
		return true;
	};
	vm::AddressSpace mem{m.tasks[t].user ? &m.tasks[t].user->mm : nullptr, &m.kmem};
	switch (call.id) {
	case BuiltinId::__kctx_class_create:
		return ret(static_cast<uint64_t>(class_create(cpu, arg(0), read_kstring(arg(1)), arg(1))));
	case BuiltinId::class_destroy:
		// class_destroy(): nothing for NULL or an error pointer.
		if (!is_err_or_null(arg(0)))
			class_unregister(arg(0));
		return ret(0);
	case BuiltinId::class_register: return ret(static_cast<uint64_t>(class_register(cpu, arg(0))));
	case BuiltinId::class_unregister: class_unregister(arg(0)); return ret(0);
	case BuiltinId::__kctx_devres_add:
		// devres_add(): the device owns the block until it is released.
		if (arg(0) && arg(1))
			m.devmodel.devres[arg(0)].push_back(arg(1));
		return ret(0);
	case BuiltinId::__kctx_devres_del: {
		// devres_destroy() for devm_kfree(): -ENOENT when the device does not own it.
		auto it = m.devmodel.devres.find(arg(0));
		if (it == m.devmodel.devres.end() || std::find(it->second.begin(), it->second.end(), arg(1)) == it->second.end())
			return ret(static_cast<uint64_t>(-abi::kENOENT));
		std::erase(it->second, arg(1));
		return ret(0);
	}
	case BuiltinId::device_create: {
		std::string name = printk_format(cpu, read_kstring(arg(4)), args.subspan(std::min<size_t>(5, args.size())), mem);
		std::replace(name.begin(), name.end(), '/', '!');   // kobject_set_name_vargs()
		return ret(device_create(cpu, arg(0), arg(1), static_cast<uint32_t>(arg(2)), arg(3), name));
	}
	case BuiltinId::device_destroy: {
		// device_destroy(): class_find_device() by devt, then device_unregister().
		for (uint64_t dev : m.devmodel.device_order) {
			const DeviceState& d = m.devmodel.devices.at(dev);
			if (d.cls == arg(0) && d.devt == static_cast<uint32_t>(arg(1))) {
				device_unregister(dev);
				break;
			}
		}
		return ret(0);
	}
	case BuiltinId::_dev_printk: {
		std::string level = read_kstring(arg(0));
		std::string msg = printk_format(cpu, read_kstring(arg(2)), args.subspan(std::min<size_t>(3, args.size())), mem);
		printk(cpu, level + dev_printk_prefix(arg(1)) + msg);
		return ret(0);
	}
	case BuiltinId::device_create_file:
		if (!arg(0))
			return ret(0);
		return ret(static_cast<uint64_t>(sysfs_create_file(cpu, arg(0), kobject_dir(arg(0)), arg(1))));
	case BuiltinId::device_remove_file: {
		uint64_t name_ptr = 0;
		(void)m.kmem.load(arg(1) + abi::layout::attribute::name, name_ptr);
		if (arg(0))
			m.devmodel.sysfs.erase(kobject_dir(arg(0)) + "/" + read_kstring(name_ptr));
		return ret(0);
	}
	default: return false;
	}
}

}   // namespace kctx::kernel
