#!kctx cpus=1 seconds=1
# Parameters as insmod passes them and kernel/params.c parses them.
insmod knobs.ko
rmmod knobs
# Every kind: hex, a negative long, a bare bool, a quoted value with blanks, a string
# into a buffer, an array with its count; an unknown name is ignored with a warning.
insmod knobs.ko level=0x10 port=22 offset=-42 verbose greeting="good morning" label=abc weights=5,6,7 colour=red
rmmod knobs
# bool's other spellings: only the first letter counts.
insmod knobs.ko verbose=true level=-3
rmmod knobs
# Errors: every bad value is reported, then the load fails with the last one's errno.
insmod knobs.ko level=ten port=70000
echo "insmod: exit status $?"
insmod knobs.ko weights=1,2,3,4,5
echo "insmod: exit status $?"
insmod knobs.ko label=toolongvalue
echo "insmod: exit status $?"
insmod knobs.ko level
echo "insmod: exit status $?"
lsmod
