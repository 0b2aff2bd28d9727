#!kctx cpus=1 seconds=0.1 kernel=4.4 config=debian
# A 4.4 driver's procfs file: proc_create() with file_operations, do_gettimeofday().
insmod counter44.ko
echo one > /proc/counter44
echo two > /proc/counter44
cat /proc/counter44
rmmod counter44
