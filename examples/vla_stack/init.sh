#!kctx cpus=1 seconds=1
insmod vla.ko len=200
rmmod vla
insmod vla.ko len=20000
