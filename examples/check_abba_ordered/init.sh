#!kctx cpus=2 seconds=1
insmod abba.ko order=1
sleep 0.1
