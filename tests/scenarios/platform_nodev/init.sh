#!kctx cpus=1 seconds=1
insmod board.ko
rmmod board
