#!kctx cpus=4 seconds=5 kernel=4.4 config=debian
# The seed's machine: a vanilla 4.4.6 on a 4-CPU x86-64 with its distro's config
# (PREEMPT_VOLUNTARY, no DEBUG_ATOMIC_SLEEP, no lockdep). One busy victim per CPU,
# then load the module and watch the log.
./cst_test &
./cst_test &
./cst_test &
./cst_test &
insmod cst.ko
sleep 4
rmmod cst
