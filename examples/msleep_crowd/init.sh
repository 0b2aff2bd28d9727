#!kctx cpus=4 seconds=3 threads_max=12000
# 10,000 kthreads in msleep(1000): the next timer is found in O(log n).
insmod sleepers.ko n=10000
sleep 2.5
rmmod sleepers
