#include <linux/module.h>
#include "missing.h"

static int __init first_init(void)
{
	return 0;
}
module_init(first_init);
