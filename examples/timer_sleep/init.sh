#!kctx cpus=1 seconds=1
# msleep() from a timer callback: "scheduling while atomic" with 0x00000101.
insmod timer_sleep.ko mode=msleep
sleep 0.5
rmmod timer_sleep
