#!kctx cpus=2 seconds=2
# A NULL pointer dereference in process context (insmod dies, the mutex it held stays
# held), then one in a timer callback (softirq: the kernel panics). See README.
insmod nullptr.ko
sleep 1
insmod nulltimer.ko
sleep 1
