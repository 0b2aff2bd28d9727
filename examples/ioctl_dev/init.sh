#!kctx cpus=2 seconds=2
# An ioctl driver and the program that drives it.
insmod regfile.ko
./probe
cat /sys/class/regfile/regfile/dev
rmmod regfile
