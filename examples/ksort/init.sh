#!kctx cpus=1 seconds=1
insmod ksort.ko
rmmod ksort
