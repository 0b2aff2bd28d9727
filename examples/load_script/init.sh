#!kctx cpus=2 seconds=2
# A load script in LDD3's style (scull_load): variables, the major read from
# /proc/devices with awk in $(...), the nodes made with mknod, their group and mode set.
module="slots"
device="slot"
mode="664"
insmod ./$module.ko || exit 1
major=$(awk "\$2==\"$module\" {print \$1}" /proc/devices)
echo "$module has major $major"
rm -f /dev/${device}[0-3]
mknod /dev/${device}0 c $major 0
mknod /dev/${device}1 c $major 1
ls -l /dev/${device}0
chgrp staff /dev/${device}0 /dev/${device}1
chmod $mode /dev/${device}[0-1]
ls -l /dev/${device}0 /dev/${device}1
[ -c /dev/${device}0 ] && echo "/dev/${device}0 is a character device"
[ -d /dev/${device}0 ] || echo "and not a directory"
echo first > /dev/${device}0
echo second > /dev/${device}1
for_slot0=$(cat /dev/${device}0)
echo "slot 0 says '$for_slot0', slot 1 says '$(cat /dev/${device}1)'"
rm /dev/${device}1 /dev/nope
echo "rm: $?"
ls /dev/${device}*
words=$(cat /proc/modules | wc -w)
echo "/proc/modules has $words words"
rmmod $module
