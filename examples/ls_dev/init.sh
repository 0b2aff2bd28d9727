#!kctx cpus=2 seconds=2
# What a module made, looked at as a guide's reader does: ls and stat() of /dev and /sys.
insmod beeper.ko
grep beeper /proc/devices
ls -l /dev/beeper0 /dev/beeper1
ls /sys/class/beeper
ls -l /sys/class/beeper
ls -l /sys/class/beeper/beeper0/
mknod /dev/mybeeper c 254 1
ls -l /dev
./statnode
cat /dev/mybeeper
ls /dev/nope
ls -d /sys/class/beeper /proc/self /tmp
rmmod beeper
ls /dev
ls /sys/class/beeper
