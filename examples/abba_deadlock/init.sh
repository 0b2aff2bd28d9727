#!kctx cpus=2 seconds=30
insmod abba.ko overlap=1
sleep 30
