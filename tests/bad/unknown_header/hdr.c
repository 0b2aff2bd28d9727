#include <linux/module.h>
#include <linux/no_such_header.h>

static int __init hdr_init(void)
{
	return 0;
}
module_init(hdr_init);
