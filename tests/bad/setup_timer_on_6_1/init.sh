#!kctx cpus=1 seconds=1 kernel=6.1
insmod cst.ko
