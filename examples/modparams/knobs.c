// knobs.ko: one parameter of each kind insmod can set (kernel/params.c), printed at init.
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static int level = 1;
static unsigned short port = 8080;
static long offset = -1;
static bool verbose;
static char *greeting = "hello";
static char label[8] = "none";
static int weights[4] = {1, 1, 1, 1};
static int nweights;

module_param(level, int, 0644);
MODULE_PARM_DESC(level, "an int");
module_param(port, ushort, 0444);
module_param(offset, long, 0);
module_param(verbose, bool, 0644);
module_param(greeting, charp, 0444);
module_param_string(label, label, sizeof(label), 0644);
module_param_array(weights, int, &nweights, 0444);

static int __init knobs_init(void)
{
	pr_info("knobs: level=%d port=%u offset=%ld verbose=%d\n", level, port, offset, verbose);
	pr_info("knobs: greeting='%s' label='%s'\n", greeting, label);
	pr_info("knobs: %d weights: %d %d %d %d\n", nweights, weights[0], weights[1], weights[2], weights[3]);
	return 0;
}

static void __exit knobs_exit(void)
{
	pr_info("knobs: bye\n");
}

module_init(knobs_init);
module_exit(knobs_exit);
MODULE_LICENSE("GPL");
