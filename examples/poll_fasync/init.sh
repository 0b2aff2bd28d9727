#!kctx cpus=2 seconds=5
# poll, select, O_NONBLOCK and SIGIO on a driver's device file (fs/select.c, fs/fcntl.c).
insmod ticker.ko
./watch
./pollpipe
rmmod ticker
