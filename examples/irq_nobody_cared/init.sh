#!kctx cpus=2 seconds=1.5 irq=7:10us
# Line 7 interrupts every 10 us; its only handler always says IRQ_NONE.
insmod stuck.ko
sleep 1.2
cat /proc/interrupts
rmmod stuck
