// dbg — a module's printk wrapper, the way drivers write them: a variadic function that
// passes its va_list on to vprintk(), and a buffer filled by vscnprintf()/scnprintf().
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/stdarg.h>

static int verbose = 1;

static __printf(1, 2) void dbg(const char *fmt, ...)
{
	va_list args;

	if (!verbose)
		return;
	va_start(args, fmt);
	vprintk(fmt, args);
	va_end(args);
}

static int append(char *buf, size_t size, int len, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf + len, size - len, fmt, args);
	va_end(args);
	return len + n;
}

static int __init dbg_init(void)
{
	char line[32];
	int len = 0;
	u8 small = 200;
	s16 neg = -300;
	unsigned long long big = 18446744073709551615ull;

	dbg(KERN_INFO "dbg: loaded by %s, pid %d\n", current->comm, current->pid);
	dbg(KERN_INFO "dbg: u8 %u, s16 %d, u64 %llu, ptr %p, str '%s', char '%c'\n", small, neg, big, NULL, "ok", 'x');
	len = append(line, sizeof(line), len, "%s:", "cpus");
	len = append(line, sizeof(line), len, " on %d,", smp_processor_id());
	len = append(line, sizeof(line), len, " %s", "and this part does not fit in the buffer");
	pr_info("dbg: line '%s' (%d bytes, scnprintf counts what it wrote)\n", line, len);
	len = scnprintf(line, 8, "%d", 123456789);
	pr_info("dbg: scnprintf into 8 bytes: '%s' = %d\n", line, len);
	return 0;
}

static void __exit dbg_exit(void)
{
	dbg(KERN_INFO "dbg: unloaded\n");
}

module_init(dbg_init);
module_exit(dbg_exit);
MODULE_LICENSE("GPL");
