#!kctx cpus=1 seconds=1
# The console's log level: by default (7) the levels 0..6 reach it; 8 shows debug too;
# CONSOLE_OFF leaves only emergencies (level 1) until CONSOLE_ON restores the level.
insmod chatter.ko
cat /dev/chatter
./level 8 8
cat /dev/chatter
./level 8 4
cat /dev/chatter
./level 6
cat /dev/chatter
./level 7
cat /dev/chatter
./level 8 9
./level 8 0
./level 6
./level 8 5
./level 7
cat /dev/chatter
# LDD3 ch.4: the same through /proc/sys/kernel/printk
cat /proc/sys/kernel/printk
echo 8 > /proc/sys/kernel/printk
cat /proc/sys/kernel/printk
cat /dev/chatter
echo eight > /proc/sys/kernel/printk
echo "1 4 1 7" > /proc/sys/kernel/printk
cat /dev/chatter
echo 7 > /proc/sys/kernel/printk
dmesg | grep -c debug
# busybox dmesg -n, the same action
dmesg -n 8
cat /proc/sys/kernel/printk
dmesg -n 9
dmesg -n1
cat /proc/sys/kernel/printk
dmesg -n 7
