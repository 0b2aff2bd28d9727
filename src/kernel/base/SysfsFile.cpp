// Opening, reading and writing /sys (fs/kernfs/file.c, fs/sysfs/file.c): a read at
// offset 0 has the attribute's show() fill a zeroed PAGE_SIZE buffer and is served from
// it (seq_file); a write hands store() at most PAGE_SIZE bytes, NUL-terminated, with the
// count as written (a newline included).
#include <algorithm>
#include <fmt/format.h>

#include "abi/Errno.h"
#include "abi/Layout.h"
#include "kernel/core/Kernel.h"
#include "kernel/core/Layout.h"
#include "kernel/fs/FileFlags.h"

namespace kctx::kernel {

namespace {
using namespace fs;
using Kind = SysfsNode::Kind;
using R = run::Syscall::Resume;
namespace SA = abi::layout::sysfs_attribute;
constexpr uint64_t kPageSize = 4096;
}   // namespace

int64_t Kernel::sysfs_open(OpenFile& of)
{
	// kernfs_fop_open(): sysfs's root has KERNFS_ROOT_EXTRA_OPEN_PERM_CHECK, so even root
	// cannot open a file for writing that has no write bit (-EACCES).
	std::string path = sysfs_resolve(of.path);
	while (path.size() > 4 && path.back() == '/')
		path.pop_back();
	of.path = path;
	bool write = (of.mode & FMODE_WRITE) != 0;
	auto it = m.devmodel.sysfs.find(path);
	bool dir = path == "/sys" || (it != m.devmodel.sysfs.end() && it->second.kind == Kind::Dir);
	if (it == m.devmodel.sysfs.end() && !dir) {
		auto below = m.devmodel.sysfs.lower_bound(path + "/");
		dir = below != m.devmodel.sysfs.end() && below->first.starts_with(path + "/");
	}
	if (dir)
		return write ? -abi::kEISDIR : 0;
	if (it == m.devmodel.sysfs.end())
		return (of.flags & O_CREAT) ? -abi::kEACCES : -abi::kENOENT;
	const SysfsNode& node = it->second;
	if (write && !(node.mode & 0222))
		return -abi::kEACCES;
	if ((of.mode & FMODE_READ) && !(node.mode & 0444))
		return -abi::kEACCES;
	of.mode |= FMODE_CAN_READ | FMODE_CAN_WRITE;
	// seq_file's buffer is a whole page (show() may check offset_in_page(buf), as
	// sysfs_emit() does), and store()'s copy has room for its NUL.
	uint64_t raw = alloc_kernel(3 * kPageSize, "kernfs buffer");
	of.file = (raw + kPageSize - 1) & ~(kPageSize - 1);
	return 0;
}

bool Kernel::sysfs_read(uint32_t cpu, TaskId t, NativeFrame& f, OpenFile& of)
{
	// seq_read() over sysfs_kf_seq_show(): show() at offset 0, then its text.
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	auto serve = [&]() {
		uint64_t start = std::min<uint64_t>(static_cast<uint64_t>(of.pos), of.text.size());
		uint64_t n = std::min<uint64_t>(r.args[2], of.text.size() - start);
		if (n && !m.tasks[t].user->mm.write(r.args[1], of.text.data() + start, n))
			return finish(-abi::kEFAULT);
		of.pos += static_cast<int64_t>(n);
		return finish(static_cast<int64_t>(n));
	};
	auto it = m.devmodel.sysfs.find(of.path);
	if (r.resume == R::DriverCalled) {
		auto count = static_cast<int64_t>(f.ret);
		if (count < 0)
			return finish(count);
		if (count >= static_cast<int64_t>(kPageSize)) {
			// dev_attr_show() and sysfs_kf_seq_show() both notice; the text is cut.
			bool device = it != m.devmodel.sysfs.end() && it->second.ops == SysfsOps::Device;
			uint64_t show = 0;
			if (it != m.devmodel.sysfs.end())
				(void)m.kmem.load(it->second.attr + SA::show, show);
			if (device)
				printk(cpu, fmt::format("dev_attr_show: {} returned bad count\n", symbolize(show)));
			printk(cpu, fmt::format("fill_read_buffer: {} returned bad count\n",
						device ? "dev_attr_show+0x19/0x40" : "kobj_attr_show+0x12/0x20"));
			count = kPageSize - 1;
		}
		of.text.assign(static_cast<size_t>(count), '\0');
		(void)m.kmem.read(of.file, of.text.data(), of.text.size());
		return serve();
	}
	if (of.path == "/sys" || it == m.devmodel.sysfs.end() || it->second.kind == Kind::Dir)
		return finish(-abi::kEISDIR);   // generic_read_dir()
	const SysfsNode& node = it->second;
	if (of.pos != 0)
		return serve();
	if (node.ops == SysfsOps::Native) {
		of.text = node.text;
		return serve();
	}
	if (node.ops == SysfsOps::Param || node.ops == SysfsOps::Module) {
		of.text = module_sysfs_show(node);
		return serve();
	}
	// kobj_attr_show() / dev_attr_show(): -EIO without a show().
	uint64_t show = 0;
	(void)m.kmem.load(node.attr + SA::show, show);
	if (!show)
		return finish(-abi::kEIO);
	(void)m.kmem.fill(of.file, 0, kPageSize);
	std::array<uint64_t, 3> args = {node.kobj, node.attr, of.file};
	return vfs_call_driver(t, f, show, args, R::DriverCalled);
}

bool Kernel::sysfs_write(uint32_t cpu, TaskId t, NativeFrame& f, OpenFile& of)
{
	// kernfs_fop_write_iter() -> sysfs_kf_write() -> store(kobj, attr, buf, count).
	auto& r = f.as<run::Syscall>();
	auto finish = [&](int64_t v) {
		f.ret = v;
		return true;
	};
	if (r.resume == R::DriverCalled) {
		auto n = static_cast<int64_t>(f.ret);
		if (n > 0)
			of.pos += n;
		return finish(n);
	}
	auto it = m.devmodel.sysfs.find(of.path);
	if (it == m.devmodel.sysfs.end() || it->second.kind != Kind::File)
		return finish(-abi::kENODEV);   // removed while open: kernfs_get_active() fails
	std::string data = r.data;
	if (!r.libc_write) {
		uint64_t count = std::min<uint64_t>(r.args[2], kPageSize);
		data.assign(count, '\0');
		if (count && !m.tasks[t].user->mm.read(r.args[1], data.data(), count))
			return finish(-abi::kEFAULT);
	}
	if (data.size() > kPageSize)
		data.resize(kPageSize);
	(void)m.kmem.write(of.file, data.c_str(), data.size() + 1);
	const SysfsNode& node = it->second;
	if (node.ops == SysfsOps::Native)
		return finish(static_cast<int64_t>(data.size()));   // uevent: accepted
	if (node.ops == SysfsOps::Param || node.ops == SysfsOps::Module) {
		int64_t n = module_sysfs_store(cpu, of.path, node, data);
		if (n > 0)
			of.pos += n;
		return finish(n);
	}
	if (data.empty())
		return finish(0);
	uint64_t store = 0;
	(void)m.kmem.load(node.attr + SA::store, store);
	if (!store)
		return finish(-abi::kEIO);
	std::array<uint64_t, 4> args = {node.kobj, node.attr, of.file, data.size()};
	return vfs_call_driver(t, f, store, args, R::DriverCalled);
}

}   // namespace kctx::kernel
