#!kctx cpus=2 seconds=2
# debugfs files of a module under /sys/kernel/debug, read and written from init.sh.
insmod dbg.ko
cat /sys/kernel/debug/dbg/cnt
echo 0x20 > /sys/kernel/debug/dbg/cnt
cat /sys/kernel/debug/dbg/cnt
cat /sys/kernel/debug/dbg/big
echo y > /sys/kernel/debug/dbg/flag
cat /sys/kernel/debug/dbg/flag
cat /sys/kernel/debug/dbg/info
echo 3 > /sys/kernel/debug/dbg/big
rmmod dbg
cat /sys/kernel/debug/dbg/cnt
