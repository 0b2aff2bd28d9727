#!kctx cpus=1 seconds=1
# A Makefile builds two modules: tally.ko from two files, hello-old.ko from one.
insmod tally.ko
insmod hello-old.ko
lsmod
rmmod hello-old
rmmod tally
