#!kctx cpus=1 seconds=1 kernel=5.10
insmod cst.ko
