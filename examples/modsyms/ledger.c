// ledger.ko: keeps a balance that other modules post to. Exports one function and two
// objects; the balance only to GPL-compatible modules.
#include <linux/module.h>
#include <linux/kernel.h>
#include "ledger.h"

long ledger_balance;
EXPORT_SYMBOL_GPL(ledger_balance);

const char ledger_currency[] = "EUR";
EXPORT_SYMBOL(ledger_currency);

static int postings;

int ledger_post(const char *who, int amount)
{
	ledger_balance += amount;
	postings++;
	pr_info("ledger: %s posts %d %s, balance %ld\n", who, amount, ledger_currency, ledger_balance);
	return postings;
}
EXPORT_SYMBOL(ledger_post);

static int __init ledger_init(void)
{
	pr_info("ledger: open, refcount %d\n", module_refcount(THIS_MODULE));
	return 0;
}

static void __exit ledger_exit(void)
{
	pr_info("ledger: closed after %d postings, balance %ld\n", postings, ledger_balance);
}

module_init(ledger_init);
module_exit(ledger_exit);
MODULE_LICENSE("GPL");
