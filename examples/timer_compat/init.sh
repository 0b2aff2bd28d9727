#!kctx cpus=1 seconds=1
# One module source for 4.4 and 6.1: run with --kernel 4.4 or --kernel 6.1.
./uname
insmod compat.ko
sleep 0.5
rmmod compat
