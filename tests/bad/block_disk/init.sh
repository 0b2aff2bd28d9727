#!kctx cpus=1 seconds=1
insmod ramdisk.ko
