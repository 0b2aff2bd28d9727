#!kctx cpus=1 seconds=1
insmod gfp.ko flags=GFP_KERNEL
rmmod gfp
insmod gfp.ko flags=GFP_ATOMIC
