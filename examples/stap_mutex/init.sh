#!kctx cpus=2 seconds=1
# Something for kernel.function() probes to see: three kthreads contending for a mutex
# held across msleep(), and a fourth in wait_for_completion() until they are done.
insmod contend.ko
sleep 1
