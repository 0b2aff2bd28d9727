#!kctx cpus=1 seconds=2
# A load script as LDD3's scull_load and module_load write them: if/elif/else/fi, the
# major read with a backquoted awk, the script's own (empty) arguments passed on with $*,
# and set -e, which ends the script at the first command that fails outside an if.
module="bell"
device="bell"
if [ $# -ne 0 ]; then
	echo "usage: $0 (no arguments)"
	exit 1
fi
if grep -q " $module\$" /proc/devices; then
	echo "$module is loaded already"
elif grep -q "^Character" /proc/devices; then
	echo "/proc/devices has no $module yet"
else
	echo "no /proc/devices"
fi
set -e
insmod ./$module.ko rings=3 $* || exit 1
major=`cat /proc/devices | awk "\\$2==\"$module\" {print \\$1}"`
if [ -n "$major" ]
then
	rm -f /dev/${device}
	mknod /dev/${device} c $major 0
	echo "/dev/$device is `ls -l /dev/$device | awk '{print $1, $5, $6}'`"
fi
# the link scull_load makes to the first device, read through
ln -sf ${device} /dev/${device}0
ln -s ${device} /dev/${device}0 || echo "ln again: $?"
ls -l /dev/${device}0 | awk '{print $1, $9, $10, $11}'
[ -h /dev/${device}0 ] && [ -c /dev/${device}0 ] && echo "a symlink to a character device"
cat /dev/${device}0
rm /dev/${device}0
[ -e /dev/${device}0 ] || echo "the link is gone; /dev/$device stays: `ls /dev/$device`"
grep -q nothing-like-this /proc/devices || echo "grep found nothing; set -e goes on after ||"
rmmod $module
cat /dev/$device
echo "not reached: cat failed and set -e ended the script"
