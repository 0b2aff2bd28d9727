#!kctx cpus=1 seconds=1
./busy &
insmod hrtimer_schedule.ko
sleep 0.5
rmmod hrtimer_schedule
