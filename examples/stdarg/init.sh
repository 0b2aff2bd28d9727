#!kctx cpus=1 seconds=1
insmod dbg.ko
./logger
./die
rmmod dbg
