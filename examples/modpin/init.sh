#!kctx cpus=2 seconds=3
# Parameters under /sys/module/gate/parameters, a module pinned by its own open().
insmod gate.ko limit=5 label=north levels=2,3
cat /sys/module/gate/initstate
cat /sys/module/gate/parameters/limit
cat /sys/module/gate/parameters/label
cat /sys/module/gate/parameters/levels
cat /sys/module/gate/parameters/strict
cat /sys/module/gate/parameters/hidden
echo 9 > /sys/module/gate/parameters/limit
echo 4,5,6 > /sys/module/gate/parameters/levels
echo y > /sys/module/gate/parameters/strict
cat /sys/module/gate/parameters/limit
cat /sys/module/gate/parameters/levels
cat /sys/module/gate/parameters/strict
echo ten > /sys/module/gate/parameters/limit
echo south > /sys/module/gate/parameters/label
# Commands the module parses with sscanf(); a static key turns tracing on.
echo "range 7 -3" > /proc/gate
echo "mask ff" > /proc/gate
echo "open sesame" > /proc/gate
echo "trace on" > /proc/gate
cat /proc/gate
# While a process keeps /proc/gate open, the module holds a reference: rmmod fails.
./hold /proc/gate &
sleep 1
cat /sys/module/gate/refcnt
rmmod gate
echo "rmmod: exit status $?"
kill %1
wait %1
cat /sys/module/gate/refcnt
rmmod gate
cat /sys/module/gate/refcnt
