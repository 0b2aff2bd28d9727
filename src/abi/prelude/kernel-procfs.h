/* procfs, seq_file, debugfs and the llseek helpers (include/linux/proc_fs.h, seq_file.h,
 * debugfs.h, fs.h). The trees of /proc and /sys/kernel/debug are the simulated kernel's
 * (src/kernel/fs/PseudoFs.h); the structs here are what module code and the kernel-C
 * library (kernel_lib-procfs.h) read. Offsets the kernel reads are in abi/Layout.h. */

/* include/linux/stat.h (uapi/linux/stat.h's bits are uapi-stat.h) */
#define S_IRWXUGO (S_IRWXU | S_IRWXG | S_IRWXO)
#define S_IALLUGO (S_ISUID | S_ISGID | S_ISVTX | S_IRWXUGO)
#define S_IRUGO (S_IRUSR | S_IRGRP | S_IROTH)
#define S_IWUGO (S_IWUSR | S_IWGRP | S_IWOTH)
#define S_IXUGO (S_IXUSR | S_IXGRP | S_IXOTH)

/* include/linux/uidgid.h: everything runs as root. */
#ifndef GLOBAL_ROOT_UID
typedef struct { uid_t val; } kuid_t;
typedef struct { gid_t val; } kgid_t;
#define KUIDT_INIT(value) (kuid_t){ value }
#define KGIDT_INIT(value) (kgid_t){ value }
#define GLOBAL_ROOT_UID KUIDT_INIT(0)
#define GLOBAL_ROOT_GID KGIDT_INIT(0)
#endif
/* include/linux/uidgid.h and cred.h: the ids compare by value; the current task's are
 * root's (kctx runs every task as uid 0), so LDD3's sculluid/scullwuid owner checks pass. */
#define __kuid_val(uid) ((uid).val)
#define __kgid_val(gid) ((gid).val)
#define uid_eq(left, right) (__kuid_val(left) == __kuid_val(right))
#define gid_eq(left, right) (__kgid_val(left) == __kgid_val(right))
#define uid_valid(uid) (__kuid_val(uid) != (uid_t)-1)
#define current_uid() GLOBAL_ROOT_UID
#define current_euid() GLOBAL_ROOT_UID
#define current_fsuid() GLOBAL_ROOT_UID
#define current_gid() GLOBAL_ROOT_GID
#define current_egid() GLOBAL_ROOT_GID

/* include/linux/fs.h: file modes the llseek helpers look at, and their limits. */
#define FMODE_READ 0x1
#define FMODE_WRITE 0x2
#define FMODE_LSEEK 0x4
#define FMODE_PREAD 0x8
#define FMODE_PWRITE 0x10
#define FMODE_UNSIGNED_OFFSET 0x2000
#define FMODE_STREAM 0x200000
#define SEEK_DATA 3
#define SEEK_HOLE 4
#define MAX_LFS_FILESIZE 0x7fffffffffffffffLL
#define OFFSET_MAX MAX_LFS_FILESIZE

/* include/linux/seq_file.h */
struct seq_operations;
struct seq_file {
	char *buf;
	size_t size;
	size_t from;
	size_t count;
	size_t pad_until;
	loff_t index;
	loff_t read_pos;
	struct mutex lock;
	const struct seq_operations *op;
	int poll_event;
	const struct file *file;
	void *private;
};
struct seq_operations {
	void *(*start)(struct seq_file *m, loff_t *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, loff_t *pos);
	int (*show)(struct seq_file *m, void *v);
};
#define SEQ_SKIP 1
#define SEQ_START_TOKEN ((void *)1)
#define DEFINE_SHOW_ATTRIBUTE(__name)						\
static int __name ## _open(struct inode *inode, struct file *file)		\
{										\
	return single_open(file, __name ## _show, inode->i_private);		\
}										\
static const struct file_operations __name ## _fops = {				\
	.owner = THIS_MODULE,							\
	.open = __name ## _open,						\
	.read = seq_read,							\
	.llseek = seq_lseek,							\
	.release = single_release,						\
}
#define DEFINE_SEQ_ATTRIBUTE(__name)						\
static int __name ## _open(struct inode *inode, struct file *file)		\
{										\
	int ret = seq_open(file, &__name ## _sops);				\
	if (!ret && inode->i_private) {						\
		struct seq_file *seq_f = file->private_data;			\
		seq_f->private = inode->i_private;				\
	}									\
	return ret;								\
}										\
static const struct file_operations __name ## _fops = {				\
	.owner = THIS_MODULE,							\
	.open = __name ## _open,						\
	.read = seq_read,							\
	.llseek = seq_lseek,							\
	.release = seq_release,							\
}
#define DEFINE_PROC_SHOW_ATTRIBUTE(__name)					\
static int __name ## _open(struct inode *inode, struct file *file)		\
{										\
	return single_open(file, __name ## _show, pde_data(inode));		\
}										\
static const struct proc_ops __name ## _proc_ops = {				\
	.proc_open = __name ## _open,						\
	.proc_read = seq_read,							\
	.proc_lseek = seq_lseek,						\
	.proc_release = single_release,						\
}

/* include/linux/proc_fs.h: struct proc_ops came in 5.6 (commit d56c0d45f0e2, "proc:
 * decouple proc from VFS with struct proc_ops"); 4.4's include/linux/proc_fs.h has none,
 * and its proc_create() takes a struct file_operations. kctx's procfs serves proc_ops on
 * every release, so before 5.6 the struct is the library's, under a tag no module can
 * name: a 4.4 module that defines a struct proc_ops meets an incomplete type, as with
 * 4.4's gcc. */
struct kiocb;
struct iov_iter;
struct vm_area_struct;
#if LINUX_VERSION_CODE >= 0x050600
#define __KCTX_PROC_OPS proc_ops
#else
#define __KCTX_PROC_OPS __kctx_proc_ops
#endif
struct __KCTX_PROC_OPS {
	unsigned int proc_flags;
	int (*proc_open)(struct inode *, struct file *);
	ssize_t (*proc_read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*proc_read_iter)(struct kiocb *, struct iov_iter *);
	ssize_t (*proc_write)(struct file *, const char __user *, size_t, loff_t *);
	loff_t (*proc_lseek)(struct file *, loff_t, int);
	int (*proc_release)(struct inode *, struct file *);
	__poll_t (*proc_poll)(struct file *, struct poll_table_struct *);
	long (*proc_ioctl)(struct file *, unsigned int, unsigned long);
	long (*proc_compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*proc_mmap)(struct file *, struct vm_area_struct *);
	unsigned long (*proc_get_unmapped_area)(struct file *, unsigned long, unsigned long, unsigned long, unsigned long);
};
#define PROC_ENTRY_PERMANENT 1U
#define proc_set_user(de, uid, gid) do { (void)(de); } while (0)
/* fs/proc/internal.h's proc_dir_entry is private to procfs; kctx keeps the tree in the
 * kernel and here only what the library's open and release functions read. */
struct proc_dir_entry {
	const struct __KCTX_PROC_OPS *proc_ops;
	const struct seq_operations *seq_ops;
	int (*single_show)(struct seq_file *, void *);
	void *data;
	unsigned int state_size;
	umode_t mode;
	struct __KCTX_PROC_OPS __kctx_ops;   /* proc_ops of proc_create_single/proc_create_seq */
};
/* pde_data(): proc_get_inode() puts the entry's data in i_private (fs/proc/inode.c). */
#define pde_data(ino) (((const struct inode *)(ino))->i_private)
/* Its old name, until 5.17 ("proc: remove PDE_DATA() completely"): 6.1 has only
 * pde_data(), so a module written for 5.16 or older stops here, as with gcc. */
#if LINUX_VERSION_CODE < 0x051100
#define PDE_DATA(inode) pde_data(inode)
#endif
#define proc_create_single(name, mode, parent, show) proc_create_single_data(name, mode, parent, show, NULL)
#define proc_create_seq(name, mode, parent, ops) proc_create_seq_private(name, mode, parent, ops, 0, NULL)
#define proc_create_seq_data(name, mode, parent, ops, data) proc_create_seq_private(name, mode, parent, ops, 0, data)
/* remove_proc_entry(), remove_proc_subtree(), proc_remove(): the kernel unlinks the
 * entries and reports as fs/proc/generic.c does; proc_entry_rundown()'s ->proc_release of
 * the files still open then runs in the caller (kernel_lib-procfs.h). */
#define remove_proc_entry(name, parent) __kctx_proc_rundown(__kctx_remove_proc_entry(name, parent, 0))
#define remove_proc_subtree(name, parent) __kctx_proc_rundown(__kctx_remove_proc_entry(name, parent, 1))
#define proc_remove(de) __kctx_proc_rundown(__kctx_proc_remove(de))

/* include/linux/debugfs.h */
struct debugfs_blob_wrapper {
	void *data;
	unsigned long size;
};
struct __kctx_debugfs_lib;   /* kernel_lib-procfs.h */
/* 6.1's debugfs_remove() removes the whole tree below the dentry. */
#define debugfs_remove_recursive debugfs_remove
