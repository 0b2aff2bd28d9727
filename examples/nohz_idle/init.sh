#!kctx cpus=2 seconds=86400
# A machine idle for a simulated day (kctx's longest run): a timer every 10,000 s and a
# shell asleep in between. With NO_HZ idle kctx jumps from one event to the next.
insmod far_timer.ko
sleep 86000
rmmod far_timer
sleep 99999
