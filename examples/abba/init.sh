#!kctx cpus=2 seconds=1
insmod abba.ko overlap=0
sleep 0.5
