#!kctx cpus=2 seconds=1
# Something for irq_handler probes to see: two devices interrupting now and then over
# half a second (the keypad three times, then the modem twice, then both).
insmod twodev.ko
echo trigger > /sys/kernel/debug/irq/irqs/5
sleep 0.03
echo trigger > /sys/kernel/debug/irq/irqs/5
echo trigger > /sys/kernel/debug/irq/irqs/5
sleep 0.15
echo trigger > /sys/kernel/debug/irq/irqs/7
sleep 0.02
echo trigger > /sys/kernel/debug/irq/irqs/7
sleep 0.15
echo trigger > /sys/kernel/debug/irq/irqs/5
echo trigger > /sys/kernel/debug/irq/irqs/7
sleep 0.2
rmmod twodev
