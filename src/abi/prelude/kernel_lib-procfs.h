/* seq_file (fs/seq_file.c), procfs's seq and single files (fs/proc/generic.c), the
 * llseek helpers and the simple buffer copies (fs/read_write.c, fs/libfs.c), written in
 * kernel C: they call the module's own iterator, show and release functions, so they run
 * as module code in the caller's task and context, as the kernel's do. Only what needs
 * the kernel's tables (the /proc tree, its open files) is a builtin. */

/* seq_buf_alloc(): kvmalloc(), which serves these sizes from kmalloc. */
static char *__kctx_seq_buf_alloc(unsigned long size)
{
	return kmalloc(size, GFP_KERNEL);
}

static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

/* seq_set_overflow(): a record that did not fit fills the buffer; seq_read() then
 * retries it with a buffer twice the size. */
static inline void __kctx_seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
}

__attribute__((weak)) int seq_open(struct file *file, const struct seq_operations *op)
{
	struct seq_file *p;

	__kctx_warn(file->private_data != NULL, 0, "fs/seq_file.c", 59, 0);
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	file->private_data = p;
	mutex_init(&p->lock);
	p->op = op;
	p->file = file;
	/* seq_files have no write of their own: pwrite() is off unless the opener turns it on. */
	file->f_mode &= ~FMODE_PWRITE;
	return 0;
}

/* traverse(): runs the iterator from the start until `offset` bytes of records are behind
 * it, leaving the rest of the record that straddles `offset` in the buffer. -EAGAIN when
 * a record overflowed the buffer, which is then twice as big. */
static int __kctx_seq_traverse(struct seq_file *m, loff_t offset)
{
	loff_t done = 0;
	int err = 0;
	void *v;

	m->index = 0;
	m->count = 0;
	m->from = 0;
	if (!offset)
		return 0;
	if (!m->buf) {
		m->size = PAGE_SIZE;
		m->buf = __kctx_seq_buf_alloc(m->size);
		if (!m->buf)
			return -ENOMEM;
	}
	v = m->op->start(m, &m->index);
	while (v) {
		err = PTR_ERR(v);
		if (IS_ERR(v))
			break;
		err = m->op->show(m, v);
		if (err < 0)
			break;
		if (err) {   /* SEQ_SKIP */
			err = 0;
			m->count = 0;
		}
		if (seq_has_overflowed(m)) {
			m->op->stop(m, v);
			kfree(m->buf);
			m->count = 0;
			m->size <<= 1;
			m->buf = __kctx_seq_buf_alloc(m->size);
			return m->buf ? -EAGAIN : -ENOMEM;
		}
		v = m->op->next(m, v, &m->index);
		if (done + m->count > offset) {
			m->from = offset - done;
			m->count -= m->from;
			break;
		}
		done += m->count;
		m->count = 0;
		if (done == offset)
			break;
	}
	m->op->stop(m, v);
	return err;
}

/* seq_read() -> seq_read_iter(): first what an earlier read left in the buffer; then one
 * whole record (a record that overflows restarts with a bigger buffer); then as many
 * more as fit in the buffer and the reader's count, stepping the iterator once per record. */
__attribute__((weak)) ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	size_t copied = 0;
	size_t n;
	void *v;
	int err = 0;

	if (!size)
		return 0;
	mutex_lock(&m->lock);
	/* A read at offset 0 starts over: the iterator may have moved on. */
	if (*ppos == 0) {
		m->index = 0;
		m->count = 0;
	}
	/* The position may not be where the last read left it (pread, lseek). */
	if (*ppos != m->read_pos) {
		while ((err = __kctx_seq_traverse(m, *ppos)) == -EAGAIN)
			;
		if (err) {
			m->read_pos = 0;
			m->index = 0;
			m->count = 0;
			goto done;
		}
		m->read_pos = *ppos;
	}
	if (!m->buf) {
		m->size = PAGE_SIZE;
		m->buf = __kctx_seq_buf_alloc(m->size);
		if (!m->buf)
			goto enomem;
	}
	if (m->count) {
		n = m->count < size ? m->count : size;
		n -= copy_to_user(buf, m->buf + m->from, n);
		m->count -= n;
		m->from += n;
		copied += n;
		if (m->count)
			goto done;
	}
	m->from = 0;
	v = m->op->start(m, &m->index);
	for (;;) {
		err = PTR_ERR(v);
		if (!v || IS_ERR(v))
			break;
		err = m->op->show(m, v);
		if (err < 0)
			break;
		if (err)
			m->count = 0;
		if (!m->count) {
			v = m->op->next(m, v, &m->index);
			continue;
		}
		if (!seq_has_overflowed(m))
			goto fill;
		m->op->stop(m, v);
		kfree(m->buf);
		m->count = 0;
		m->size <<= 1;
		m->buf = __kctx_seq_buf_alloc(m->size);
		if (!m->buf)
			goto enomem;
		v = m->op->start(m, &m->index);
	}
	m->op->stop(m, v);
	m->count = 0;
	goto done;
fill:
	for (;;) {
		size_t before = m->count;
		loff_t index = m->index;

		v = m->op->next(m, v, &m->index);
		if (index == m->index) {
			printk(KERN_INFO "buggy .next function %ps did not update position index\n", m->op->next);
			m->index++;
		}
		if (!v || IS_ERR(v))
			break;
		if (m->count >= size - copied)
			break;
		err = m->op->show(m, v);
		if (err > 0) {
			m->count = before;
		} else if (err || seq_has_overflowed(m)) {
			m->count = before;
			break;
		}
	}
	m->op->stop(m, v);
	n = m->count < size - copied ? m->count : size - copied;
	n -= copy_to_user(buf + copied, m->buf, n);
	copied += n;
	m->count -= n;
	m->from = n;
done:
	if (!copied) {
		copied = m->count ? -EFAULT : err;
	} else {
		*ppos += copied;
		m->read_pos += copied;
	}
	mutex_unlock(&m->lock);
	return copied;
enomem:
	err = -ENOMEM;
	goto done;
}

/* seq_lseek(): SEEK_SET and SEEK_CUR only; a new position replays the iterator to it. */
__attribute__((weak)) loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	struct seq_file *m = file->private_data;
	loff_t ret = -EINVAL;

	mutex_lock(&m->lock);
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	if ((whence == SEEK_SET || whence == SEEK_CUR) && offset >= 0) {
		ret = offset;
		if (offset == m->read_pos) {
			file->f_pos = offset;
		} else {
			while ((ret = __kctx_seq_traverse(m, offset)) == -EAGAIN)
				;
			if (ret) {
				file->f_pos = 0;
				m->read_pos = 0;
				m->index = 0;
				m->count = 0;
			} else {
				m->read_pos = offset;
				ret = file->f_pos = offset;
			}
		}
	}
	mutex_unlock(&m->lock);
	return ret;
}

__attribute__((weak)) int seq_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	kfree(m->buf);
	kfree(m);
	return 0;
}

__attribute__((weak)) void seq_vprintf(struct seq_file *m, const char *f, va_list args)
{
	if (m->count < m->size) {
		int len = vsnprintf(m->buf + m->count, m->size - m->count, f, args);
		if (m->count + len < m->size) {
			m->count += len;
			return;
		}
	}
	__kctx_seq_set_overflow(m);
}

__attribute__((weak)) void seq_printf(struct seq_file *m, const char *f, ...)
{
	va_list args;

	va_start(args, f);
	seq_vprintf(m, f, args);
	va_end(args);
}

__attribute__((weak)) void seq_puts(struct seq_file *m, const char *s)
{
	size_t len = strlen(s);

	if (m->count + len >= m->size) {
		__kctx_seq_set_overflow(m);
		return;
	}
	memcpy(m->buf + m->count, s, len);
	m->count += len;
}

__attribute__((weak)) void seq_putc(struct seq_file *m, char c)
{
	if (m->count < m->size)
		m->buf[m->count++] = c;
}

__attribute__((weak)) void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len >= m->size) {
		__kctx_seq_set_overflow(m);
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}

/* seq_put_decimal_ull() and friends: a delimiter, then the number. */
__attribute__((weak)) void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num)
{
	seq_printf(m, "%s%llu", delimiter, num);
}

__attribute__((weak)) void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
	seq_printf(m, "%s%lld", delimiter, num);
}

/* single_open(): a seq_file of one record, whose show is the caller's. */
static void *__kctx_single_start(struct seq_file *m, loff_t *pos)
{
	return *pos ? NULL : SEQ_START_TOKEN;
}

static void *__kctx_single_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return NULL;
}

static void __kctx_single_stop(struct seq_file *m, void *v)
{
}

__attribute__((weak)) int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
	struct seq_operations *op = kmalloc(sizeof(*op), GFP_KERNEL);
	int ret;

	if (!op)
		return -ENOMEM;
	op->start = __kctx_single_start;
	op->next = __kctx_single_next;
	op->stop = __kctx_single_stop;
	op->show = show;
	ret = seq_open(file, op);
	if (ret) {
		kfree(op);
		return ret;
	}
	((struct seq_file *)file->private_data)->private = data;
	return 0;
}

__attribute__((weak)) int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data, size_t size)
{
	char *buf = __kctx_seq_buf_alloc(size);
	int ret;

	if (!buf)
		return -ENOMEM;
	ret = single_open(file, show, data);
	if (ret) {
		kfree(buf);
		return ret;
	}
	((struct seq_file *)file->private_data)->buf = buf;
	((struct seq_file *)file->private_data)->size = size;
	return 0;
}

__attribute__((weak)) int single_release(struct inode *inode, struct file *file)
{
	const struct seq_operations *op = ((struct seq_file *)file->private_data)->op;
	int ret = seq_release(inode, file);

	kfree((void *)op);
	return ret;
}

/* __seq_open_private(): a seq_file with `psize` zeroed bytes of iterator state. */
__attribute__((weak)) void *__seq_open_private(struct file *f, const struct seq_operations *ops, int psize)
{
	void *state = kzalloc(psize, GFP_KERNEL);
	int ret;

	if (!state)
		return NULL;
	ret = seq_open(f, ops);
	if (ret) {
		kfree(state);
		return NULL;
	}
	((struct seq_file *)f->private_data)->private = state;
	return state;
}

__attribute__((weak)) int seq_open_private(struct file *filp, const struct seq_operations *ops, int psize)
{
	return __seq_open_private(filp, ops, psize) ? 0 : -ENOMEM;
}

__attribute__((weak)) int seq_release_private(struct inode *inode, struct file *file)
{
	struct seq_file *seq = file->private_data;

	kfree(seq->private);
	seq->private = NULL;
	return seq_release(inode, file);
}

/* fs/proc/generic.c: proc_create_single_data() and proc_create_seq_private() keep the
 * show function or the seq_operations in the entry; their open reads them back. */
static int __kctx_proc_single_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = __kctx_PDE(inode);

	return single_open(file, de->single_show, de->data);
}

static int __kctx_proc_seq_open(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = __kctx_PDE(inode);

	if (de->state_size)
		return seq_open_private(file, de->seq_ops, de->state_size);
	return seq_open(file, de->seq_ops);
}

static int __kctx_proc_seq_release(struct inode *inode, struct file *file)
{
	struct proc_dir_entry *de = __kctx_PDE(inode);

	if (de->state_size)
		return seq_release_private(inode, file);
	return seq_release(inode, file);
}

__attribute__((weak)) struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode, struct proc_dir_entry *parent, int (*show)(struct seq_file *, void *), void *data)
{
	struct proc_dir_entry *p = __kctx_proc_create_lib(name, mode, parent, data);

	if (!p)
		return NULL;
	p->__kctx_ops.proc_open = __kctx_proc_single_open;
	p->__kctx_ops.proc_read = seq_read;
	p->__kctx_ops.proc_lseek = seq_lseek;
	p->__kctx_ops.proc_release = single_release;
	p->single_show = show;
	return p;
}

__attribute__((weak)) struct proc_dir_entry *proc_create_seq_private(const char *name, umode_t mode, struct proc_dir_entry *parent, const struct seq_operations *ops, unsigned int state_size, void *data)
{
	struct proc_dir_entry *p = __kctx_proc_create_lib(name, mode, parent, data);

	if (!p)
		return NULL;
	p->__kctx_ops.proc_open = __kctx_proc_seq_open;
	p->__kctx_ops.proc_read = seq_read;
	p->__kctx_ops.proc_lseek = seq_lseek;
	p->__kctx_ops.proc_release = __kctx_proc_seq_release;
	p->seq_ops = ops;
	p->state_size = state_size;
	return p;
}

/* proc_entry_rundown(): after the kernel unlinked entries, each file still open on them
 * gets its ->proc_release now, in the remover (close_pdeo()); `n` is the kernel's count
 * of such files. */
__attribute__((weak)) void __kctx_proc_rundown(int n)
{
	struct proc_dir_entry *de;
	struct file *file;

	if (!n)
		return;
	while ((file = __kctx_proc_next_opener(&de)) != NULL)
		de->proc_ops->proc_release(file->f_inode, file);
}

/* fs/read_write.c and fs/libfs.c: the llseek helpers drivers name in their fops. */
__attribute__((weak)) loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

__attribute__((weak)) loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos;
}

/* vfs_setpos(): a negative offset only for files with unsigned offsets (/dev/mem). */
__attribute__((weak)) loff_t vfs_setpos(struct file *file, loff_t offset, loff_t maxsize)
{
	if (offset < 0 && !(file->f_mode & FMODE_UNSIGNED_OFFSET))
		return -EINVAL;
	if (offset > maxsize)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

__attribute__((weak)) loff_t generic_file_llseek_size(struct file *file, loff_t offset, int whence, loff_t maxsize, loff_t eof)
{
	switch (whence) {
	case SEEK_END:
		offset += eof;
		break;
	case SEEK_CUR:
		if (offset == 0)
			return file->f_pos;
		return vfs_setpos(file, file->f_pos + offset, maxsize);
	case SEEK_DATA:
		if ((unsigned long long)offset >= eof)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if ((unsigned long long)offset >= eof)
			return -ENXIO;
		offset = eof;
		break;
	}
	return vfs_setpos(file, offset, maxsize);
}

/* generic_file_llseek(): up to the superblock's s_maxbytes, with the inode's size as
 * the end (0 for a device). */
__attribute__((weak)) loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t eof = file->f_inode ? file->f_inode->i_size : 0;

	return generic_file_llseek_size(file, offset, whence, MAX_LFS_FILESIZE, eof);
}

__attribute__((weak)) loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence, loff_t size)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		return -EINVAL;
	return generic_file_llseek_size(file, offset, whence, size, size);
}

__attribute__((weak)) loff_t no_seek_end_llseek(struct file *file, loff_t offset, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	return generic_file_llseek_size(file, offset, whence, OFFSET_MAX, 0);
}

/* default_llseek(): like generic_file_llseek() without a size limit; SEEK_CUR by 0
 * reports the position without touching it. */
__attribute__((weak)) loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t size = file->f_inode ? file->f_inode->i_size : 0;

	switch (whence) {
	case SEEK_END:
		offset += size;
		break;
	case SEEK_CUR:
		if (offset == 0)
			return file->f_pos;
		offset += file->f_pos;
		break;
	case SEEK_DATA:
		if (offset >= size)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if (offset >= size)
			return -ENXIO;
		offset = size;
		break;
	}
	if (offset < 0 && !(file->f_mode & FMODE_UNSIGNED_OFFSET))
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/* nonseekable_open() and stream_open(): the file has no position to seek. */
__attribute__((weak)) int nonseekable_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

__attribute__((weak)) int stream_open(struct inode *inode, struct file *filp)
{
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	filp->f_mode |= FMODE_STREAM;
	return 0;
}

/* simple_read_from_buffer(): what of `from` lies at *ppos, up to `count` bytes. */
__attribute__((weak)) ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from, size_t available)
{
	loff_t pos = *ppos;
	size_t left;

	if (pos < 0)
		return -EINVAL;
	if (pos >= available || !count)
		return 0;
	if (count > available - pos)
		count = available - pos;
	left = copy_to_user(to, (const char *)from + pos, count);
	if (left == count)
		return -EFAULT;
	count -= left;
	*ppos = pos + count;
	return count;
}

/* simple_write_to_buffer(): the bytes written land at *ppos in `to`. */
__attribute__((weak)) ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos, const void __user *from, size_t count)
{
	loff_t pos = *ppos;
	size_t left;

	if (pos < 0)
		return -EINVAL;
	if (pos >= available || !count)
		return 0;
	if (count > available - pos)
		count = available - pos;
	left = copy_from_user((char *)to + pos, from, count);
	if (left == count)
		return -EFAULT;
	count -= left;
	*ppos = pos + count;
	return count;
}

/* debugfs's number files (fs/debugfs/file.c debugfs_create_u32 & co., fs/libfs.c
 * simple_attr_*): the kernel makes the file and a file_operations beside it
 * (__kctx_debugfs_create_lib); this fills it in. A read formats the value at offset 0
 * and serves the rest of that text to later reads; a write parses a number as
 * kstrtoull(s, 0) does and stores it. The file cannot seek (nonseekable_open). */

enum __kctx_debugfs_kind {
	__KCTX_DEBUGFS_U8, __KCTX_DEBUGFS_U16, __KCTX_DEBUGFS_U32, __KCTX_DEBUGFS_U64,
	__KCTX_DEBUGFS_X8, __KCTX_DEBUGFS_X16, __KCTX_DEBUGFS_X32, __KCTX_DEBUGFS_X64,
	__KCTX_DEBUGFS_ULONG, __KCTX_DEBUGFS_SIZE_T, __KCTX_DEBUGFS_ATOMIC, __KCTX_DEBUGFS_BOOL,
};

/* The block the kernel reserves beside the file: its fops and which value it shows. */
struct __kctx_debugfs_lib {
	struct file_operations fops;
	int kind;
	int readable;
	int writable;
};

/* struct simple_attr: one per open file. */
struct __kctx_simple_attr {
	char get_buf[24];
	char set_buf[24];
	void *data;
	int kind;
	int readable;
	int writable;
};

static int __kctx_debugfs_attr_open(struct inode *inode, struct file *file)
{
	const struct __kctx_debugfs_lib *lib = (const struct __kctx_debugfs_lib *)file->f_op;
	struct __kctx_simple_attr *attr = kzalloc(sizeof(*attr), GFP_KERNEL);

	if (!attr)
		return -ENOMEM;
	attr->data = inode->i_private;
	attr->kind = lib->kind;
	attr->readable = lib->readable;
	attr->writable = lib->writable;
	file->private_data = attr;
	return nonseekable_open(inode, file);
}

static int __kctx_debugfs_attr_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

static unsigned long long __kctx_debugfs_get(int kind, void *data)
{
	switch (kind) {
	case __KCTX_DEBUGFS_U8: case __KCTX_DEBUGFS_X8: return *(u8 *)data;
	case __KCTX_DEBUGFS_U16: case __KCTX_DEBUGFS_X16: return *(u16 *)data;
	case __KCTX_DEBUGFS_U32: case __KCTX_DEBUGFS_X32: return *(u32 *)data;
	case __KCTX_DEBUGFS_ATOMIC: return (unsigned long long)(long long)((atomic_t *)data)->counter;
	default: return *(u64 *)data;
	}
}

static void __kctx_debugfs_set(int kind, void *data, unsigned long long val)
{
	switch (kind) {
	case __KCTX_DEBUGFS_U8: case __KCTX_DEBUGFS_X8: *(u8 *)data = val; break;
	case __KCTX_DEBUGFS_U16: case __KCTX_DEBUGFS_X16: *(u16 *)data = val; break;
	case __KCTX_DEBUGFS_U32: case __KCTX_DEBUGFS_X32: *(u32 *)data = val; break;
	case __KCTX_DEBUGFS_ATOMIC: ((atomic_t *)data)->counter = (int)val; break;
	default: *(u64 *)data = val; break;
	}
}

static ssize_t __kctx_debugfs_attr_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	struct __kctx_simple_attr *attr = file->private_data;
	unsigned long long val;
	size_t size;

	if (!attr->readable)
		return -EACCES;
	if (*ppos && attr->get_buf[0])
		return simple_read_from_buffer(buf, len, ppos, attr->get_buf, strlen(attr->get_buf));
	val = __kctx_debugfs_get(attr->kind, attr->data);
	switch (attr->kind) {
	case __KCTX_DEBUGFS_X8: size = scnprintf(attr->get_buf, sizeof(attr->get_buf), "0x%02llx\n", val); break;
	case __KCTX_DEBUGFS_X16: size = scnprintf(attr->get_buf, sizeof(attr->get_buf), "0x%04llx\n", val); break;
	case __KCTX_DEBUGFS_X32: size = scnprintf(attr->get_buf, sizeof(attr->get_buf), "0x%08llx\n", val); break;
	case __KCTX_DEBUGFS_X64: size = scnprintf(attr->get_buf, sizeof(attr->get_buf), "0x%016llx\n", val); break;
	case __KCTX_DEBUGFS_ATOMIC: size = scnprintf(attr->get_buf, sizeof(attr->get_buf), "%lld\n", (long long)val); break;
	default: size = scnprintf(attr->get_buf, sizeof(attr->get_buf), "%llu\n", val); break;
	}
	return simple_read_from_buffer(buf, len, ppos, attr->get_buf, size);
}

/* kstrtoull(s, 0, &v): 0x for hex, a leading 0 for octal, one trailing newline. */
static int __kctx_debugfs_parse(const char *s, unsigned long long *res)
{
	unsigned long long v = 0;
	unsigned int base = 10;
	int digits = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    ((s[2] >= '0' && s[2] <= '9') || (s[2] >= 'a' && s[2] <= 'f') || (s[2] >= 'A' && s[2] <= 'F'))) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (;; s++, digits++) {
		unsigned int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (*s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			break;
		if (d >= base)
			break;
		if (v > (~0ULL - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (!digits)
		return -EINVAL;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = v;
	return 0;
}

static ssize_t __kctx_debugfs_attr_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
	struct __kctx_simple_attr *attr = file->private_data;
	unsigned long long val;
	size_t size = len < sizeof(attr->set_buf) - 1 ? len : sizeof(attr->set_buf) - 1;
	int ret;

	if (!attr->writable)
		return -EACCES;
	if (copy_from_user(attr->set_buf, buf, size))
		return -EFAULT;
	attr->set_buf[size] = '\0';
	ret = __kctx_debugfs_parse(attr->set_buf, &val);
	if (ret)
		return ret;
	__kctx_debugfs_set(attr->kind, attr->data, val);
	return len;
}

/* debugfs_read_file_bool(), debugfs_write_file_bool(): "Y\n" or "N\n"; kstrtobool(). */
static ssize_t __kctx_debugfs_bool_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	char text[3];

	text[0] = *(bool *)file->f_inode->i_private ? 'Y' : 'N';
	text[1] = '\n';
	text[2] = 0;
	return simple_read_from_buffer(buf, count, ppos, text, 2);
}

static ssize_t __kctx_debugfs_bool_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	char text[8] = {0};
	size_t n = count < sizeof(text) - 1 ? count : sizeof(text) - 1;
	bool v;

	if (copy_from_user(text, buf, n))
		return -EFAULT;
	if (text[0] == 'y' || text[0] == 'Y' || text[0] == '1')
		v = true;
	else if (text[0] == 'n' || text[0] == 'N' || text[0] == '0')
		v = false;
	else if ((text[0] == 'o' || text[0] == 'O') && (text[1] == 'n' || text[1] == 'N'))
		v = true;
	else if ((text[0] == 'o' || text[0] == 'O') && (text[1] == 'f' || text[1] == 'F'))
		v = false;
	else
		return -EINVAL;
	*(bool *)file->f_inode->i_private = v;
	return count;
}

/* simple_open(): private_data is the inode's (debugfs: the data given at creation). */
__attribute__((weak)) int simple_open(struct inode *inode, struct file *file)
{
	if (inode->i_private)
		file->private_data = inode->i_private;
	return 0;
}

static void __kctx_debugfs_create_number(const char *name, umode_t mode, struct dentry *parent, void *value, int kind)
{
	struct __kctx_debugfs_lib *lib = (struct __kctx_debugfs_lib *)__kctx_debugfs_create_lib(name, mode, parent, value);

	if (!lib)
		return;
	lib->kind = kind;
	/* debugfs_create_mode_unsafe(): read-only and write-only files get fops without the other half. */
	lib->readable = (mode & S_IRUGO) != 0;
	lib->writable = (mode & S_IWUGO) != 0;
	if (kind == __KCTX_DEBUGFS_BOOL) {
		lib->fops.open = simple_open;
		lib->fops.read = __kctx_debugfs_bool_read;
		lib->fops.write = __kctx_debugfs_bool_write;
		lib->fops.llseek = default_llseek;
		return;
	}
	lib->fops.open = __kctx_debugfs_attr_open;
	lib->fops.release = __kctx_debugfs_attr_release;
	lib->fops.read = __kctx_debugfs_attr_read;
	lib->fops.write = __kctx_debugfs_attr_write;
	lib->fops.llseek = no_llseek;
}

__attribute__((weak)) void debugfs_create_u8(const char *name, umode_t mode, struct dentry *parent, u8 *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_U8);
}

__attribute__((weak)) void debugfs_create_u16(const char *name, umode_t mode, struct dentry *parent, u16 *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_U16);
}

__attribute__((weak)) void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent, u32 *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_U32);
}

__attribute__((weak)) void debugfs_create_u64(const char *name, umode_t mode, struct dentry *parent, u64 *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_U64);
}

__attribute__((weak)) void debugfs_create_x8(const char *name, umode_t mode, struct dentry *parent, u8 *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_X8);
}

__attribute__((weak)) void debugfs_create_x16(const char *name, umode_t mode, struct dentry *parent, u16 *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_X16);
}

__attribute__((weak)) void debugfs_create_x32(const char *name, umode_t mode, struct dentry *parent, u32 *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_X32);
}

__attribute__((weak)) void debugfs_create_x64(const char *name, umode_t mode, struct dentry *parent, u64 *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_X64);
}

__attribute__((weak)) void debugfs_create_ulong(const char *name, umode_t mode, struct dentry *parent, unsigned long *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_ULONG);
}

__attribute__((weak)) void debugfs_create_size_t(const char *name, umode_t mode, struct dentry *parent, size_t *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_SIZE_T);
}

__attribute__((weak)) void debugfs_create_atomic_t(const char *name, umode_t mode, struct dentry *parent, atomic_t *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_ATOMIC);
}

__attribute__((weak)) void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent, bool *value)
{
	__kctx_debugfs_create_number(name, mode, parent, value, __KCTX_DEBUGFS_BOOL);
}

#if LINUX_VERSION_CODE < 0x050600
/* Before 5.6 (commit d56c0d45f0e2, "proc: decouple proc from VFS with struct proc_ops")
 * proc_create() and proc_create_data() took a struct file_operations. kctx's procfs
 * serves proc_ops, so each call site gets a proc_ops of its own with the same callbacks
 * (a static one: the entry keeps pointing at it, as Linux's keeps the fops). Here,
 * after the builtins' prototypes, so the macros do not rename the builtins. */
#define __kctx_fops_proc_ops(pops, fops) ({						\
	const struct file_operations *__f = (fops);					\
	if (__f) {									\
		(pops)->proc_open = __f->open;						\
		(pops)->proc_read = __f->read;						\
		(pops)->proc_write = __f->write;					\
		(pops)->proc_lseek = __f->llseek;					\
		(pops)->proc_release = __f->release;					\
		(pops)->proc_poll = __f->poll;						\
		(pops)->proc_ioctl = __f->unlocked_ioctl;				\
		(pops)->proc_compat_ioctl = __f->compat_ioctl;				\
		(pops)->proc_mmap = __f->mmap;						\
	}										\
	__f ? (const struct proc_ops *)(pops) : (const struct proc_ops *)0;		\
})
#define proc_create(name, mode, parent, fops) ({					\
	static struct __KCTX_PROC_OPS __kctx_pops;						\
	proc_create(name, mode, parent, __kctx_fops_proc_ops(&__kctx_pops, fops));	\
})
#define proc_create_data(name, mode, parent, fops, data) ({				\
	static struct __KCTX_PROC_OPS __kctx_pops;						\
	proc_create_data(name, mode, parent, __kctx_fops_proc_ops(&__kctx_pops, fops), data);	\
})
#endif
