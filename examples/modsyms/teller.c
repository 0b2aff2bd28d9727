// teller.ko: posts to ledger.ko through its exported function and reads its exported
// objects, so it cannot be loaded without ledger.ko and ledger.ko cannot go before it.
#include <linux/module.h>
#include <linux/kernel.h>
#include "ledger.h"

static int deposit = 100;
module_param(deposit, int, 0444);

static int __init teller_init(void)
{
	int n = ledger_post("teller", deposit);

	pr_info("teller: posting %d done, the ledger holds %ld %s\n", n, ledger_balance, ledger_currency);
	return 0;
}

static void __exit teller_exit(void)
{
	ledger_post("teller", -deposit / 2);
}

module_init(teller_init);
module_exit(teller_exit);
MODULE_LICENSE("GPL");
