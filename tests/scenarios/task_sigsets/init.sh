#!kctx cpus=1 seconds=1
insmod sigsets.ko
./user
rmmod sigsets
