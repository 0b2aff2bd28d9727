#!kctx cpus=2 seconds=3
# drivermodes: a module parameter picks how the driver samples (a table of names and an
# enum); user programs fork, handle signals with sigaction, arm an interval timer and
# map anonymous memory. Then the two other modes, briefly, and a bad mode name: insmod
# fails with EINVAL.
insmod drivermodes.ko mode=timer
./workers
./ticker
./crash
cat /dev/drivermodes
rmmod drivermodes
insmod drivermodes.ko mode=hrtimer
sleep 0.25
cat /dev/drivermodes
rmmod drivermodes
insmod drivermodes.ko mode=kthread
sleep 0.25
cat /dev/drivermodes
ps
rmmod drivermodes
insmod drivermodes.ko mode=polling
echo "insmod exit status: $?"
