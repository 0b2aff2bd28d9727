#!kctx cpus=2 seconds=3 panic_on_warn=1
# With panic_on_warn, the first BUG/WARN panics the machine (check_panic_on_warn()).
./cst_test &
./cst_test &
insmod cst.ko
sleep 2
