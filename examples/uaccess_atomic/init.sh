#!kctx cpus=1 seconds=1
insmod uaccess.ko atomic=1
./writer
rmmod uaccess
insmod uaccess.ko atomic=0
./writer
