// The prelude's structs, compiled by kctx, have the offsets the simulated kernel reads
// them at (abi/Layout.h), and C types have gcc's x86-64 sizes and alignments.
// abi/Layout.h first: glibc's <signal.h> (which gtest includes) defines sa_handler as
// a macro, which would break both Layout.h and the names below.
#include "abi/Layout.h"

#include <cstring>
#include <gtest/gtest.h>
#include <string>
#include <vector>

#include "lang/TestRun.h"

#undef sa_handler

namespace kctx::lang {
namespace {

namespace L = abi::layout;

struct Entry {
	std::string expr;     // a constant expression of the offset or size
	uint32_t expected;
};

// Compiles `entries` into a global array and checks each value.
void check(abi::World world, const std::string& include, const std::vector<Entry>& entries)
{
	std::string src = include + "\nunsigned long values[] = {\n";
	for (const Entry& e : entries)
		src += "\t" + e.expr + ",\n";
	src += "};\n";
	testing::Snippet r(src, world);
	ASSERT_TRUE(r.ok()) << r.diagnostics();
	const vm::Global* g = r.program().find_global("values");
	ASSERT_NE(g, nullptr);
	ASSERT_EQ(g->size, entries.size() * 8);
	for (size_t i = 0; i < entries.size(); i++) {
		uint64_t v = 0;
		std::memcpy(&v, r.program().data.data() + g->offset + i * 8, 8);
		EXPECT_EQ(v, entries[i].expected) << entries[i].expr;
	}
}

TEST(Layout, KernelPreludeMatchesAbiLayout)
{
	check(abi::World::Kernel, "#include <linux/module.h>",
	      {
		      {"offsetof(struct task_struct, __state)", L::task_struct::state},
		      {"offsetof(struct task_struct, pid)", L::task_struct::pid},
		      {"offsetof(struct task_struct, tgid)", L::task_struct::tgid},
		      {"offsetof(struct task_struct, cpu)", L::task_struct::cpu},
		      {"offsetof(struct task_struct, comm)", L::task_struct::comm},
		      {"offsetof(struct task_struct, nvcsw)", L::task_struct::nvcsw},
		      {"offsetof(struct task_struct, nivcsw)", L::task_struct::nivcsw},
		      {"offsetof(struct task_struct, prio)", L::task_struct::prio},
		      {"offsetof(struct task_struct, static_prio)", L::task_struct::static_prio},
		      {"offsetof(struct task_struct, flags)", L::task_struct::flags},
		      {"offsetof(struct task_struct, blocked)", L::task_struct::blocked},
		      {"offsetof(struct task_struct, pending.signal)", L::task_struct::pending_signal},
		      {"offsetof(struct task_struct, signal)", L::task_struct::signal},
		      {"offsetof(struct task_struct, __kctx_signal)", L::task_struct::own_signal},
		      {"sizeof(struct task_struct)", L::task_struct::size},
		      {"offsetof(struct timer_list, expires)", L::timer_list::expires},
		      {"offsetof(struct timer_list, function)", L::timer_list::function},
		      {"offsetof(struct timer_list, flags)", L::timer_list::flags},
		      {"sizeof(struct timer_list)", L::timer_list::size},
		      {"offsetof(struct hrtimer, _softexpires)", L::hrtimer::softexpires},
		      {"offsetof(struct hrtimer, function)", L::hrtimer::function},
		      {"sizeof(struct hrtimer)", L::hrtimer::size},
		      {"offsetof(spinlock_t, __kctx_locked)", L::spinlock::locked},
		      {"offsetof(spinlock_t, __kctx_owner_cpu)", L::spinlock::owner_cpu},
		      {"offsetof(spinlock_t, __kctx_name)", L::spinlock::name},
		      {"sizeof(spinlock_t)", L::spinlock::size},
		      {"offsetof(rwlock_t, __kctx_readers)", L::rwlock::readers},
		      {"offsetof(rwlock_t, __kctx_writer)", L::rwlock::writer},
		      {"offsetof(rwlock_t, __kctx_name)", L::rwlock::name},
		      {"offsetof(rwlock_t, __kctx_key)", L::rwlock::key},
		      {"sizeof(rwlock_t)", L::rwlock::size},
		      {"offsetof(struct completion, done)", L::completion::done},
		      {"offsetof(struct completion, wait)", L::completion::wait},
		      {"sizeof(struct completion)", L::completion::size},
		      {"offsetof(struct work_struct, func)", L::work_struct::func},
		      {"offsetof(struct work_struct, __kctx_name)", L::work_struct::name},
		      {"sizeof(struct work_struct)", L::work_struct::size},
		      {"offsetof(struct tasklet_struct, state)", L::tasklet_struct::state},
		      {"offsetof(struct tasklet_struct, count)", L::tasklet_struct::count},
		      {"offsetof(struct tasklet_struct, use_callback)", L::tasklet_struct::use_callback},
		      {"offsetof(struct tasklet_struct, func)", L::tasklet_struct::func},
		      {"offsetof(struct tasklet_struct, data)", L::tasklet_struct::data},
		      {"sizeof(struct tasklet_struct)", L::tasklet_struct::size},
		      {"offsetof(poll_table, _qproc)", L::poll_table::qproc},
		      {"offsetof(poll_table, _key)", L::poll_table::key},
		      {"sizeof(poll_table)", L::poll_table::size},
		      {"offsetof(struct mutex, __kctx_name)", L::spinlock::name},
		      {"offsetof(struct delayed_work, work)", L::delayed_work::work},
		      {"offsetof(struct delayed_work, timer)", L::delayed_work::timer},
		      {"offsetof(struct delayed_work, cpu)", L::delayed_work::cpu},
		      {"sizeof(struct delayed_work)", L::delayed_work::size},
		      {"offsetof(struct mutex, owner)", L::mutex::owner},
		      {"offsetof(struct mutex, __kctx_name)", L::mutex::name},
		      {"sizeof(struct mutex)", L::mutex::size},
		      {"offsetof(struct semaphore, count)", L::semaphore::count},
		      {"offsetof(struct semaphore, __kctx_name)", L::semaphore::name},
		      {"sizeof(struct semaphore)", L::semaphore::size},
		      {"offsetof(struct file, f_op)", L::file::f_op},
		      {"offsetof(struct file, f_flags)", L::file::f_flags},
		      {"offsetof(struct file, f_mode)", L::file::f_mode},
		      {"offsetof(struct file, f_pos)", L::file::f_pos},
		      {"offsetof(struct file, private_data)", L::file::private_data},
		      {"sizeof(struct file)", L::file::size},
		      {"offsetof(struct inode, i_ino)", L::inode::i_ino},
		      {"offsetof(struct inode, i_rdev)", L::inode::i_rdev},
		      {"offsetof(struct inode, i_cdev)", L::inode::i_cdev},
		      {"sizeof(struct inode)", L::inode::size},
		      {"offsetof(struct inode, i_mode)", L::inode::i_mode},
		      {"offsetof(struct inode, i_size)", L::inode::i_size},
		      {"offsetof(struct inode, i_private)", L::inode::i_private},
		      {"offsetof(struct file, f_inode)", L::file::f_inode},
		      {"offsetof(struct file, f_path.dentry)", L::file::f_path_dentry},
		      {"offsetof(struct dentry, d_parent)", L::dentry::d_parent},
		      {"offsetof(struct dentry, d_name.len)", L::dentry::d_name_len},
		      {"offsetof(struct dentry, d_name.name)", L::dentry::d_name_name},
		      {"offsetof(struct dentry, d_inode)", L::dentry::d_inode},
		      {"sizeof(struct dentry)", L::dentry::size},
		      {"offsetof(struct proc_ops, proc_open)", L::proc_ops::proc_open},
		      {"offsetof(struct proc_ops, proc_read)", L::proc_ops::proc_read},
		      {"offsetof(struct proc_ops, proc_write)", L::proc_ops::proc_write},
		      {"offsetof(struct proc_ops, proc_lseek)", L::proc_ops::proc_lseek},
		      {"offsetof(struct proc_ops, proc_release)", L::proc_ops::proc_release},
		      {"offsetof(struct proc_ops, proc_poll)", L::proc_ops::proc_poll},
		      {"offsetof(struct proc_ops, proc_ioctl)", L::proc_ops::proc_ioctl},
		      {"offsetof(struct proc_ops, proc_compat_ioctl)", L::proc_ops::proc_compat_ioctl},
		      {"sizeof(struct proc_ops)", L::proc_ops::size},
		      {"offsetof(struct proc_dir_entry, proc_ops)", L::proc_dir_entry::proc_ops},
		      {"offsetof(struct proc_dir_entry, data)", L::proc_dir_entry::data},
		      {"offsetof(struct proc_dir_entry, mode)", L::proc_dir_entry::mode},
		      {"offsetof(struct proc_dir_entry, __kctx_ops)", L::proc_dir_entry::kctx_ops},
		      {"sizeof(struct proc_dir_entry)", L::proc_dir_entry::size},
		      {"offsetof(struct file_operations, owner)", L::file_operations::owner},
		      {"offsetof(struct file_operations, llseek)", L::file_operations::llseek},
		      {"offsetof(struct file_operations, read)", L::file_operations::read},
		      {"offsetof(struct file_operations, write)", L::file_operations::write},
		      {"offsetof(struct file_operations, poll)", L::file_operations::poll},
		      {"offsetof(struct file_operations, unlocked_ioctl)", L::file_operations::unlocked_ioctl},
		      {"offsetof(struct file_operations, compat_ioctl)", L::file_operations::compat_ioctl},
		      {"offsetof(struct file_operations, open)", L::file_operations::open},
		      {"offsetof(struct file_operations, flush)", L::file_operations::flush},
		      {"offsetof(struct file_operations, release)", L::file_operations::release},
		      {"offsetof(struct file_operations, fasync)", L::file_operations::fasync},
		      {"offsetof(struct file_operations, mmap)", L::file_operations::mmap},
		      {"offsetof(struct file_operations, read_iter)", L::file_operations::read_iter},
		      {"offsetof(struct file_operations, write_iter)", L::file_operations::write_iter},
		      {"sizeof(struct file_operations)", L::file_operations::size},
		      {"offsetof(struct vm_area_struct, vm_end)", L::vm_area_struct::vm_end},
		      {"offsetof(struct vm_area_struct, vm_page_prot)", L::vm_area_struct::vm_page_prot},
		      {"offsetof(struct vm_area_struct, vm_flags)", L::vm_area_struct::vm_flags},
		      {"offsetof(struct vm_area_struct, vm_ops)", L::vm_area_struct::vm_ops},
		      {"offsetof(struct vm_area_struct, vm_pgoff)", L::vm_area_struct::vm_pgoff},
		      {"offsetof(struct vm_area_struct, vm_file)", L::vm_area_struct::vm_file},
		      {"offsetof(struct vm_area_struct, vm_private_data)", L::vm_area_struct::vm_private_data},
		      {"sizeof(struct vm_area_struct)", L::vm_area_struct::size},
		      {"offsetof(struct vm_operations_struct, close)", L::vm_operations_struct::close},
		      {"offsetof(struct vm_operations_struct, fault)", L::vm_operations_struct::fault},
		      {"sizeof(struct vm_operations_struct)", L::vm_operations_struct::size},
		      {"offsetof(struct vm_fault, pgoff)", L::vm_fault::pgoff},
		      {"offsetof(struct vm_fault, address)", L::vm_fault::address},
		      {"offsetof(struct vm_fault, real_address)", L::vm_fault::real_address},
		      {"offsetof(struct vm_fault, flags)", L::vm_fault::flags},
		      {"offsetof(struct vm_fault, cow_page)", L::vm_fault::cow_page},
		      {"offsetof(struct vm_fault, page)", L::vm_fault::page},
		      {"sizeof(struct vm_fault)", L::vm_fault::size},
		      {"offsetof(struct fasync_struct, magic)", L::fasync_struct::magic},
		      {"offsetof(struct fasync_struct, fa_fd)", L::fasync_struct::fa_fd},
		      {"offsetof(struct fasync_struct, fa_next)", L::fasync_struct::fa_next},
		      {"offsetof(struct fasync_struct, fa_file)", L::fasync_struct::fa_file},
		      {"sizeof(struct fasync_struct)", L::fasync_struct::size},
		      {"offsetof(struct miscdevice, minor)", L::miscdevice::minor},
		      {"offsetof(struct miscdevice, name)", L::miscdevice::name},
		      {"offsetof(struct miscdevice, fops)", L::miscdevice::fops},
		      {"sizeof(struct miscdevice)", L::miscdevice::size},
		      {"offsetof(struct kobject, parent)", L::kobject::parent},
		      {"offsetof(struct kobject, kref)", L::kobject::kref},
		      {"sizeof(struct kobject)", L::kobject::size},
		      {"offsetof(struct cdev, owner)", L::cdev::owner},
		      {"offsetof(struct cdev, ops)", L::cdev::ops},
		      {"offsetof(struct cdev, list)", L::cdev::list},
		      {"offsetof(struct cdev, dev)", L::cdev::dev},
		      {"offsetof(struct cdev, count)", L::cdev::count},
		      {"sizeof(struct cdev)", L::cdev::size},
		      {"offsetof(struct class, owner)", L::device_class::owner},
		      {"offsetof(struct class, class_groups)", L::device_class::class_groups},
		      {"offsetof(struct class, dev_groups)", L::device_class::dev_groups},
		      {"offsetof(struct class, devnode)", L::device_class::devnode},
		      {"sizeof(struct class)", L::device_class::size},
		      {"offsetof(struct device, parent)", L::device::parent},
		      {"offsetof(struct device, bus)", L::device::bus},
		      {"offsetof(struct device, driver)", L::device::driver},
		      {"offsetof(struct device, driver_data)", L::device::driver_data},
		      {"offsetof(struct device, devt)", L::device::devt},
		      {"offsetof(struct device, class)", L::device::cls},
		      {"offsetof(struct device, groups)", L::device::groups},
		      {"offsetof(struct device, of_node)", L::device::of_node},
		      {"offsetof(struct device, fwnode)", L::device::fwnode},
		      {"sizeof(struct device)", L::device::size},
		      {"offsetof(struct attribute, mode)", L::attribute::mode},
		      {"sizeof(struct attribute)", L::attribute::size},
		      {"offsetof(struct kobj_attribute, show)", L::sysfs_attribute::show},
		      {"offsetof(struct kobj_attribute, store)", L::sysfs_attribute::store},
		      {"offsetof(struct device_attribute, show)", L::sysfs_attribute::show},
		      {"offsetof(struct device_attribute, store)", L::sysfs_attribute::store},
		      {"sizeof(struct device_attribute)", L::sysfs_attribute::size},
		      {"offsetof(struct attribute_group, is_visible)", L::attribute_group::is_visible},
		      {"offsetof(struct attribute_group, attrs)", L::attribute_group::attrs},
		      {"sizeof(struct attribute_group)", L::attribute_group::size},
	      });
}

TEST(Layout, UserPreludeMatchesAbiLayout)
{
	check(abi::World::User, "#include <signal.h>",
	      {
		      {"offsetof(struct sigaction, sa_handler)", L::sigaction::handler},
		      {"offsetof(struct sigaction, sa_mask)", L::sigaction::mask},
		      {"offsetof(struct sigaction, sa_flags)", L::sigaction::flags},
		      {"offsetof(struct sigaction, sa_restorer)", L::sigaction::restorer},
		      {"sizeof(struct sigaction)", L::sigaction::size},
		      {"offsetof(struct timeval, tv_usec)", L::timeval::tv_usec},
		      {"sizeof(struct timeval)", L::timeval::size},
		      {"offsetof(struct itimerval, it_interval)", L::itimerval::it_interval},
		      {"offsetof(struct itimerval, it_value)", L::itimerval::it_value},
		      {"sizeof(struct itimerval)", L::itimerval::size},
		      {"offsetof(struct timespec, tv_sec)", L::timespec::tv_sec},
		      {"offsetof(struct timespec, tv_nsec)", L::timespec::tv_nsec},
		      {"sizeof(struct timespec)", L::timespec::size},
	      });
}

TEST(Layout, UserStatAndDirentMatchTheKernels)
{
	// x86-64's struct stat (arch/x86/include/uapi/asm/stat.h) and struct dirent, whose
	// head is linux_dirent64's: readdir() hands out getdents64()'s records as they are.
	check(abi::World::User, "#include <sys/stat.h>\n#include <dirent.h>",
	      {
		      {"offsetof(struct stat, st_dev)", L::stat::st_dev},
		      {"offsetof(struct stat, st_ino)", L::stat::st_ino},
		      {"offsetof(struct stat, st_nlink)", L::stat::st_nlink},
		      {"offsetof(struct stat, st_mode)", L::stat::st_mode},
		      {"offsetof(struct stat, st_uid)", L::stat::st_uid},
		      {"offsetof(struct stat, st_gid)", L::stat::st_gid},
		      {"offsetof(struct stat, st_rdev)", L::stat::st_rdev},
		      {"offsetof(struct stat, st_size)", L::stat::st_size},
		      {"offsetof(struct stat, st_blksize)", L::stat::st_blksize},
		      {"offsetof(struct stat, st_blocks)", L::stat::st_blocks},
		      {"offsetof(struct stat, st_atim)", L::stat::st_atim},
		      {"offsetof(struct stat, st_atim.tv_nsec)", L::stat::st_atim + 8},
		      {"offsetof(struct stat, st_mtim)", L::stat::st_mtim},
		      {"offsetof(struct stat, st_ctim.tv_nsec)", L::stat::st_ctim + 8},
		      {"sizeof(struct stat)", L::stat::size},
		      {"offsetof(struct dirent, d_ino)", L::dirent::d_ino},
		      {"offsetof(struct dirent, d_off)", L::dirent::d_off},
		      {"offsetof(struct dirent, d_reclen)", L::dirent::d_reclen},
		      {"offsetof(struct dirent, d_type)", L::dirent::d_type},
		      {"offsetof(struct dirent, d_name)", L::dirent::d_name},
		      {"sizeof(struct dirent)", L::dirent::size},
		      {"offsetof(struct dirent, d_name)", L::linux_dirent64::d_name},
	      });
}

// Sizes and alignments gcc gives on x86-64 (LP64).
TEST(Layout, BasicTypesAndPadding)
{
	check(abi::World::User, "",
	      {
		      {"sizeof(char)", 1}, {"sizeof(short)", 2}, {"sizeof(int)", 4}, {"sizeof(long)", 8},
		      {"sizeof(long long)", 8}, {"sizeof(void *)", 8}, {"sizeof(_Bool)", 1}, {"sizeof(float)", 4},
		      {"sizeof(double)", 8}, {"_Alignof(double)", 8}, {"_Alignof(short)", 2},
		      {"sizeof(struct { char a; int b; char c; })", 12},
		      {"sizeof(struct { char a; long b; })", 16},
		      {"sizeof(struct { char a; char b; short c; })", 4},
		      {"sizeof(union { char a[5]; int b; })", 8},
		      {"sizeof(struct { int a; char b[]; })", 4},
		      {"sizeof(struct { char c; struct { long l; } s; })", 16},
		      {"sizeof(struct __attribute__((packed)) { char a; int b; })", 5},
		      {"sizeof(int[3][5])", 60},
		      {"sizeof(struct { char a; int b __attribute__((aligned(16))); })", 32},
		      {"_Alignof(struct { char a; } __attribute__((aligned(8))))", 8},
		      {"sizeof(enum { A, B })", 4},
		      {"sizeof(1 ? 1 : 1L)", 8},
		      {"sizeof('a')", 4},
		      {"sizeof(\"abc\")", 4},
		      {"sizeof(1.0f)", 4},
	      });
}

}  // namespace
}  // namespace kctx::lang
