/* What ledger.ko exports to the modules that keep accounts with it. */
#ifndef LEDGER_H
#define LEDGER_H

int ledger_post(const char *who, int amount);
extern long ledger_balance;           /* EXPORT_SYMBOL_GPL */
extern const char ledger_currency[];

#endif
