// Offsets of the prelude's structs that the simulated kernel reads or writes in
// simulated memory. They must match prelude/*.h: Layout.test (in lang) compiles
// offsetof() checks against the prelude.
#pragma once

#include <cstdint>

namespace kctx::abi::layout {

namespace task_struct {
inline constexpr uint32_t state = 0, pid = 4, tgid = 8, cpu = 12, comm = 16, nvcsw = 32, nivcsw = 40,
			  prio = 48, static_prio = 52, flags = 56, blocked = 64, pending_signal = 88, signal = 96,
			  own_signal = 104, size = 112;
}
namespace timer_list {
inline constexpr uint32_t expires = 16, function = 24, flags = 32, size = 40;
// Up to 4.14 (prelude/kernel.h's LINUX_VERSION_CODE < 4.15 branch): the callback's
// unsigned long argument, after 6.1's fields.
inline constexpr uint32_t data = 40, size_with_data = 48;
}
namespace hrtimer {
inline constexpr uint32_t softexpires = 32, function = 40, size = 64;
}
namespace spinlock {
inline constexpr uint32_t locked = 0, owner_cpu = 4, name = 8, key = 16, size = 24;
}
namespace rwlock {
inline constexpr uint32_t readers = 0, writer = 4, name = 8, key = 16, size = 24;
}
namespace completion {
inline constexpr uint32_t done = 0, wait = 8, size = 24;
}
namespace work_struct {
inline constexpr uint32_t func = 24, name = 32, size = 40;
}
namespace tasklet_struct {
inline constexpr uint32_t state = 8, count = 16, use_callback = 20, func = 24, data = 32, size = 40;
}
namespace poll_table {
inline constexpr uint32_t qproc = 0, key = 8, size = 16;
}
namespace delayed_work {
// The timer_list follows the prelude's work_struct (which carries kctx's lockdep name,
// so it is 40 bytes, not Linux's 32): &dwork->timer is dwork + timer.
inline constexpr uint32_t work = 0, timer = 40, cpu = 80, size = 88;
}
namespace mutex {
inline constexpr uint32_t owner = 0, name = 8, key = 16, size = 32;
}
namespace semaphore {
inline constexpr uint32_t count = 0, name = 8, size = 32;
}
namespace file {
inline constexpr uint32_t f_op = 0, f_flags = 8, f_mode = 12, f_pos = 16, private_data = 24, f_inode = 32,
			  f_path_dentry = 48, size = 56;
}
namespace inode {
inline constexpr uint32_t i_ino = 0, i_rdev = 8, i_mode = 16, i_size = 24, i_private = 32, i_cdev = 40, size = 48;
}
namespace dentry {
inline constexpr uint32_t d_parent = 8, d_name_hash = 16, d_name_len = 20, d_name_name = 24, d_inode = 32, size = 40;
}
namespace proc_ops {
inline constexpr uint32_t proc_open = 8, proc_read = 16, proc_write = 32, proc_lseek = 40, proc_release = 48,
			  proc_poll = 56, proc_ioctl = 64, proc_compat_ioctl = 72, size = 96;
}
namespace proc_dir_entry {
inline constexpr uint32_t proc_ops = 0, data = 24, mode = 36, kctx_ops = 40, size = 136;
}
namespace file_operations {
inline constexpr uint32_t owner = 0, llseek = 8, read = 16, write = 24, poll = 32, unlocked_ioctl = 40,
			  compat_ioctl = 48, open = 56, flush = 64, release = 72, fasync = 80, mmap = 88, read_iter = 96,
			  write_iter = 104, size = 192;
}
// include/linux/mm_types.h (6.1, x86-64; prelude/kernel-mm.h)
namespace vm_area_struct {
inline constexpr uint32_t vm_start = 0, vm_end = 8, vm_mm = 16, vm_page_prot = 24, vm_flags = 32, vm_ops = 96,
			  vm_pgoff = 104, vm_file = 112, vm_private_data = 120, size = 152;
}
namespace vm_operations_struct {
inline constexpr uint32_t open = 0, close = 8, fault = 40, size = 104;
}
namespace vm_fault {
inline constexpr uint32_t vma = 0, gfp_mask = 8, pgoff = 16, address = 24, real_address = 32, flags = 40,
			  cow_page = 72, page = 80, size = 112;
}
namespace fasync_struct {
inline constexpr uint32_t magic = 0, fa_fd = 4, fa_next = 8, fa_file = 16, size = 24;
}
namespace miscdevice {
inline constexpr uint32_t minor = 0, name = 8, fops = 16, size = 72;
}
// glibc's <signal.h> defines sa_handler as a macro (__sigaction_handler.sa_handler), so
// these names drop the fields' sa_ prefix: this header must survive any include order,
// including a precompiled header that brought <signal.h> first.
namespace sigaction {
inline constexpr uint32_t handler = 0, mask = 8, flags = 136, restorer = 144, size = 152;
}
namespace timespec {
inline constexpr uint32_t tv_sec = 0, tv_nsec = 8, size = 16;
}
namespace timeval {
inline constexpr uint32_t tv_sec = 0, tv_usec = 8, size = 16;
}
namespace itimerval {
inline constexpr uint32_t it_interval = 0, it_value = 16, size = 32;
}
// arch/x86/include/uapi/asm/stat.h (x86-64: st_nlink before st_mode, 144 bytes; not
// asm-generic's), as fs/stat.c cp_new_stat() fills it and glibc's struct stat reads it.
namespace stat {
// The times as glibc names them (struct timespec st_atim …): its <sys/stat.h> makes
// st_atime a macro.
inline constexpr uint32_t st_dev = 0, st_ino = 8, st_nlink = 16, st_mode = 24, st_uid = 28, st_gid = 32,
			  st_rdev = 40, st_size = 48, st_blksize = 56, st_blocks = 64, st_atim = 72, st_mtim = 88,
			  st_ctim = 104, size = 144;
}
// include/linux/dirent.h struct linux_dirent64, as fs/readdir.c filldir64() packs it.
namespace linux_dirent64 {
inline constexpr uint32_t d_ino = 0, d_off = 8, d_reclen = 16, d_type = 18, d_name = 19;
}
// glibc's struct dirent (bits/dirent.h, x86-64): the same head, d_name[256].
namespace dirent {
inline constexpr uint32_t d_ino = 0, d_off = 8, d_reclen = 16, d_type = 18, d_name = 19, size = 280;
}

// The device model (prelude/kernel-cdev.h, kernel-device.h; kernel/base/).
namespace kobject {
inline constexpr uint32_t name = 0, parent = 24, kref = 56, size = 64;
}
namespace cdev {
inline constexpr uint32_t kobj = 0, owner = 64, ops = 72, list = 80, dev = 96, count = 100, size = 104;
}
namespace device_class {   // struct class
inline constexpr uint32_t name = 0, owner = 8, class_groups = 16, dev_groups = 24, devnode = 48, size = 80;
}
namespace device {
inline constexpr uint32_t kobj = 0, parent = 64, bus = 88, driver = 96, driver_data = 112, devt = 120, cls = 128,
			  groups = 136, of_node = 152, fwnode = 160, size = 168;
}
namespace attribute {
inline constexpr uint32_t name = 0, mode = 8, size = 16;
}
namespace sysfs_attribute {   // struct kobj_attribute and struct device_attribute
inline constexpr uint32_t attr = 0, show = 16, store = 24, size = 32;
}
namespace attribute_group {
inline constexpr uint32_t name = 0, is_visible = 8, attrs = 24, size = 40;
}

}  // namespace kctx::abi::layout
