// sumdev — something for .statement() probes to see: a timer callback that checksums a
// small buffer with a helper (a call from module code to module code) three times.
#include <linux/module.h>
#include <linux/timer.h>

static struct timer_list tick;
static int rounds;

static int checksum(const unsigned char *buf, int len)
{
	int sum = 0;
	int i;

	for (i = 0; i < len; i++)
		sum += buf[i] * (i + 1);
	return sum;
}

static void tick_fn(struct timer_list *t)
{
	unsigned char data[4] = { 1, 2, 3, 4 };
	int round = ++rounds;
	int sum;

	data[0] = round;
	sum = checksum(data, sizeof(data));
	pr_info("sumdev: round %d sum %d\n", round, sum);
	if (round < 3)
		mod_timer(&tick, jiffies + HZ / 10);
}

static int __init sumdev_init(void)
{
	timer_setup(&tick, tick_fn, 0);
	mod_timer(&tick, jiffies + HZ / 10);
	return 0;
}

static void __exit sumdev_exit(void)
{
	del_timer_sync(&tick);
}

module_init(sumdev_init);
module_exit(sumdev_exit);
MODULE_LICENSE("GPL");
