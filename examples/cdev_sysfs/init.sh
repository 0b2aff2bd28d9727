#!kctx cpus=2 seconds=2
# A bank of two dials: a cdev per dial, a class with its devices, sysfs attributes.
insmod dials.ko
cat /proc/devices
cat /sys/class/dials/dial0/dev
cat /sys/class/dials/dial1/uevent
cat /sys/class/dials/dial0/label
cat /sys/class/dials/dial0/position
echo 5 > /sys/class/dials/dial0/position
cat /sys/devices/virtual/dials/dial0/position
echo five > /sys/class/dials/dial0/position
echo 9 > /sys/class/dials/dial0/label
cat /sys/class/dials/dial1/limit
cat /sys/kernel/dials/step
echo on > /sys/kernel/dials/step
cat /sys/kernel/dials/step
./turn
cat /sys/class/dials/dial1/position
rmmod dials
cat /sys/kernel/dials/step
cat /dev/dial0
cat /proc/devices
