#!kctx cpus=1 seconds=0.1
insmod fmtmod.ko
