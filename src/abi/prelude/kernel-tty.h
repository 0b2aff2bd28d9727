/* The tty layer's types (include/linux/tty.h, tty_driver.h, 6.1), as far as a module that
 * writes to its process's terminal reaches them: kctx's console is no tty a module can
 * get hold of, so get_current_tty() and the virtual consoles are reported as a Linux 6.1
 * API kctx does not simulate (abi/Unsimulated.cpp), and that call is the one error. */
struct tty_struct;
struct tty_driver;
struct tty_operations {
	struct tty_struct *(*lookup)(struct tty_driver *driver, struct file *filp, int idx);
	int (*install)(struct tty_driver *driver, struct tty_struct *tty);
	void (*remove)(struct tty_driver *driver, struct tty_struct *tty);
	int (*open)(struct tty_struct *tty, struct file *filp);
	void (*close)(struct tty_struct *tty, struct file *filp);
	void (*shutdown)(struct tty_struct *tty);
	void (*cleanup)(struct tty_struct *tty);
	int (*write)(struct tty_struct *tty, const unsigned char *buf, int count);
	int (*put_char)(struct tty_struct *tty, unsigned char ch);
	void (*flush_chars)(struct tty_struct *tty);
	unsigned int (*write_room)(struct tty_struct *tty);
	unsigned int (*chars_in_buffer)(struct tty_struct *tty);
	int (*ioctl)(struct tty_struct *tty, unsigned int cmd, unsigned long arg);
};
struct tty_driver {
	struct kref kref;
	void **cdevs;
	struct module *owner;
	const char *driver_name;
	const char *name;
	int name_base;
	int major;
	int minor_start;
	unsigned int num;
	short type;
	short subtype;
	unsigned long flags;
	const struct tty_operations *ops;
};
struct tty_struct {
	struct kref kref;
	struct device *dev;
	struct tty_driver *driver;
	const struct tty_operations *ops;
	int index;
	char name[64];
};
/* drivers/tty/tty_io.c: the device number of a tty (LDD3's scullpriv keys its devices by
 * the opener's controlling terminal). kctx's tasks have none (current->signal->tty is
 * NULL), so a driver that checks first, as scullpriv does, never gets here. */
static inline dev_t tty_devnum(struct tty_struct *tty)
{
	return MKDEV(tty->driver->major, tty->driver->minor_start) + tty->index;
}
