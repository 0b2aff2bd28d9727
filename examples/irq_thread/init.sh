#!kctx cpus=2 seconds=1
# A shared interrupt line with a threaded handler: the device on line 5 is made to
# interrupt through debugfs's irq injection (kernel/irq/debugfs.c), as a real device
# would by asserting its line.
insmod irqdemo.ko
echo trigger > /sys/kernel/debug/irq/irqs/5
sleep 0.01
cat /dev/irqdemo
echo off > /dev/irqdemo
echo trigger > /sys/kernel/debug/irq/irqs/5
echo trigger > /sys/kernel/debug/irq/irqs/5
sleep 0.01
cat /dev/irqdemo
echo on > /dev/irqdemo
sleep 0.01
cat /dev/irqdemo
cat /proc/interrupts
echo trigger > /sys/kernel/debug/irq/irqs/9
rmmod irqdemo
