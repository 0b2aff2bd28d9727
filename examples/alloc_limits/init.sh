#!kctx cpus=1 seconds=1 mem=64M
insmod limits.ko
