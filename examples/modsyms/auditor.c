// auditor.ko: a proprietary module. ledger_post is exported to every module, but
// ledger_balance only to GPL-compatible ones, so it is an unknown symbol here.
#include <linux/module.h>
#include <linux/kernel.h>
#include "ledger.h"

static int __init auditor_init(void)
{
	pr_info("auditor: balance %ld\n", ledger_balance);
	return ledger_post("auditor", 0) < 0;
}

static void __exit auditor_exit(void)
{
}

module_init(auditor_init);
module_exit(auditor_exit);
MODULE_LICENSE("Proprietary");
