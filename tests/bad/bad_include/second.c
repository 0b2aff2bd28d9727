#include <linux/module.h>

static int __init second_init(void)
{
	return undefined_thing;
}
module_init(second_init);
