#!kctx cpus=2 seconds=3 mem=256M
# The kernel's informational files of /proc open and read (issue 11): what each of 6.1's
# show functions prints, from the machine's state.
insmod twomisc.ko
cat /proc/misc
cat /proc/cmdline
sleep 1.5
cat /proc/uptime /proc/loadavg
head -n 4 /proc/meminfo
grep -E 'Slab|KernelStack|AnonPages|HugePages_Total|DirectMap4k' /proc/meminfo
grep -c processor /proc/cpuinfo
grep -E '^processor|^model name|^siblings' /proc/cpuinfo
grep -v nodev /proc/filesystems
wc -l /proc/filesystems
rmmod twomisc
cat /proc/misc
