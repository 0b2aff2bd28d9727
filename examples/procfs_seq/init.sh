#!kctx cpus=2 seconds=6
# /proc files made by a module: a seq_file larger than a page read in small pieces and
# with lseek, a single_open file, a writable knob; then procfs's warnings, and a file
# held open while its module goes away.
insmod seqdemo.ko
cat /proc/seqdemo/stats
./reader
echo 42 > /proc/seqdemo/knob
cat /proc/seqdemo/knob
cat /proc/seqdemo/stats
insmod procdup.ko
rmmod procdup
./hold &
sleep 1
rmmod seqdemo
wait
cat /proc/seqdemo/stats
