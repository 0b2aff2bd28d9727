#!kctx cpus=1 seconds=10
./bigprog
insmod bigmod.ko
lsmod
rmmod bigmod
