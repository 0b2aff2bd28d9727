#!kctx cpus=2 seconds=5
# Module references: an open file of a module's device holds its module (fops->owner),
# so rmmod fails while the file is open and works once it is closed. A /dev/kmsg reader
# follows the kernel log meanwhile: each record printk adds wakes it.
insmod held.ko
./hold /dev/held &
sleep 1
./follow 3 &
sleep 0.1
lsmod
rmmod held
echo "rmmod: exit status $?"
kill %1
wait %1
lsmod
rmmod held
echo "rmmod: exit status $?"
echo "init: done" > /dev/kmsg
wait
