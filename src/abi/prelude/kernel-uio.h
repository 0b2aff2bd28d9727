/* I/O vectors and kiocbs (include/linux/uio.h, fs.h, aio.h; 6.1, x86-64): the types a
 * driver's ->read_iter/->write_iter take. kctx's read() and write() call a driver's
 * ->read/->write, so these reach module code only through the module's own calls. */
#define READ 0
#define WRITE 1
#define EIOCBQUEUED 529   /* include/linux/errno.h: an iocb queued, will complete later */
struct iovec {
	void __user *iov_base;
	size_t iov_len;
};
struct kvec {
	void *iov_base;
	size_t iov_len;
};
enum iter_type { ITER_IOVEC, ITER_KVEC, ITER_BVEC, ITER_PIPE, ITER_XARRAY, ITER_DISCARD, ITER_UBUF };
struct iov_iter {
	u8 iter_type;
	bool nofault;
	bool data_source;
	bool user_backed;
	size_t iov_offset;
	size_t count;
	union {
		const struct iovec *iov;
		const struct kvec *kvec;
		void __user *ubuf;
	};
	unsigned long nr_segs;
};
#define iov_iter_rw(i) ((i)->data_source ? WRITE : READ)
#define iov_iter_count(i) ((i)->count)
#define iter_is_iovec(i) ((i)->iter_type == ITER_IOVEC)
struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
	void (*ki_complete)(struct kiocb *iocb, long ret);
	void *private;
	int ki_flags;
	u16 ki_ioprio;
};
/* include/linux/fs.h: a kiocb without a completion is a plain read() or write(). */
#define is_sync_kiocb(kiocb) (!(kiocb)->ki_complete)
