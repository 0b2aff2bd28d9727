#!kctx cpus=1 seconds=1
# teller.ko uses ledger.ko's exported symbols: it loads only after ledger.ko, and
# ledger.ko cannot be removed while teller.ko uses it.
insmod teller.ko
echo "insmod: exit status $?"
insmod ledger.ko
insmod teller.ko deposit=250
lsmod
# sysfs shows who holds ledger: a link per user module in holders/
echo "holders: $(ls /sys/module/ledger/holders), refcnt $(cat /sys/module/ledger/refcnt)"
rmmod ledger
echo "rmmod: exit status $?"
rmmod teller
echo "holders: [$(ls /sys/module/ledger/holders)], refcnt $(cat /sys/module/ledger/refcnt)"
lsmod
# A GPL-only export is not found for a proprietary module.
insmod auditor.ko
echo "insmod: exit status $?"
rmmod ledger
lsmod
