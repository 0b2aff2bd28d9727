#!kctx cpus=1 seconds=1 kernel=4.4
insmod cst.ko
