#!kctx cpus=2 seconds=5 config=debian
# The usual way to make a vmcore: while cst's timer calls schedule() from softirq
# context, the shell asks for a crash with the magic SysRq 'c' key. Run it with
#   kctx run examples/crash_dump --vmcore cst.vmcore
# and read the dump with `kctx crash cst.vmcore` (docs/crash.md).
./cst_test &
./cst_test &
insmod cst.ko
sleep 2
echo c > /proc/sysrq-trigger
