#!kctx cpus=1
insmod old.ko
