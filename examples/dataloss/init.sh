#!kctx cpus=2 seconds=5
# The data-loss bug: a driver that took bytes and then returned -ERESTARTSYS.
# Each record is 12 bytes, "hello world\n"; the writer sends it in two halves.
insmod lossy.ko
./record /dev/lossy &
./record /dev/fixed &
sleep 0.5
echo -n "hello " > /dev/lossy
echo -n "hello " > /dev/fixed
# SIGALRM reaches both readers at 1 s, while they wait for the second half
sleep 1.5
echo world > /dev/lossy
echo world > /dev/fixed
sleep 0.5
echo "HELLO WORLD" > /dev/lossy
wait
