#!kctx cpus=1 seconds=1
# A device-tree platform driver on an x86 machine, and a class with attributes.
insmod lamp.ko
ls /sys/class/lamp
cat /sys/class/lamp/brightness
echo 7 > /sys/class/lamp/brightness
cat /sys/class/lamp/brightness
rmmod lamp
ls /sys/class/lamp
