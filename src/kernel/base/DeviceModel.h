// The device model's state (drivers/base/, lib/kobject.c, fs/sysfs/): the sysfs tree
// with the kobjects behind its directories, the classes and the devices in them. Plain
// data, as the Machine: kernel objects are their addresses in simulated memory.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kctx::kernel {

// How an attribute file's show() and store() are called: the sysfs_ops of its kobject's
// ktype.
enum class SysfsOps : uint8_t {
	Kobj,     // kobj_sysfs_ops (lib/kobject.c): show(kobj, kobj_attribute, buf)
	Device,   // dev_sysfs_ops (drivers/base/core.c): show(dev, device_attribute, buf)
	Native,   // a file the kernel answers itself: a device's dev and uevent
	Param,    // /sys/module/M/parameters/P (kernel/params.c): text = type, kobj = kind, attr = where
	Module,   // /sys/module/M/refcnt, initstate (kernel/module/sysfs.c): text = which, kobj = module index
};

// One entry of /sys, by its absolute path: a directory, an attribute file or a symlink.
struct SysfsNode {
	enum class Kind : uint8_t { Dir, File, Link };
	Kind kind = Kind::Dir;
	uint64_t kobj = 0;     // the kobject whose directory this is, or (file) holds it
	uint64_t attr = 0;     // File: its struct attribute (inside a kobj_/device_attribute)
	SysfsOps ops = SysfsOps::Kobj;
	uint16_t mode = 0;     // File: attr->mode
	std::string text;      // Native file: its contents; Link: the target's path
	bool operator==(const SysfsNode&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(kind, kobj, attr, ops, mode, text);
	}
};

// A kobject kctx has put in sysfs: its directory and its reference count (kref).
struct KobjectState {
	std::string dir;
	int32_t refs = 1;
	bool dynamic = false;   // kobject_create_and_add(): freed with its last reference
	bool operator==(const KobjectState&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(dir, refs, dynamic);
	}
};

// A struct device made by device_create() (drivers/base/core.c).
struct DeviceState {
	uint64_t cls = 0;     // its struct class
	uint32_t devt = 0;
	std::string name;
	bool operator==(const DeviceState&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(cls, devt, name);
	}
};

struct DeviceModelState {
	std::map<std::string, SysfsNode> sysfs;       // by path ("/sys/kernel/mm")
	std::map<uint64_t, KobjectState> kobjects;   // by struct kobject address
	std::map<uint64_t, std::string> classes;     // struct class address -> name
	std::map<uint64_t, DeviceState> devices;     // by struct device address, creation order
	std::vector<uint64_t> device_order;          // device addresses as created
	// kernel_kobj, mm_kobj, hypervisor_kobj, power_kobj, firmware_kobj: made at first use.
	std::array<uint64_t, 5> top_kobjs{};
	// drivers/base/devres.c: what devm_kmalloc() gave each device, freed when the device
	// is released (device_release() -> devres_release_all()), newest first.
	std::map<uint64_t, std::vector<uint64_t>> devres;
	bool operator==(const DeviceModelState&) const = default;
	template <typename Ar>
	void serialize(Ar& ar)
	{
		ar(sysfs, kobjects, classes, devices, device_order, top_kobjs, devres);
	}
};

}   // namespace kctx::kernel
