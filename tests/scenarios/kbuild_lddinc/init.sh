#!kctx cpus=1 seconds=1
# LDD3's Makefile form: -I$(PWD)/../include (absent), -DBEACON_DEBUG, beacon-objs.
insmod beacon.ko
rmmod beacon
dmesg
