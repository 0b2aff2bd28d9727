#!kctx cpus=2 seconds=2
# Who may open a device: single-open, owner, blocking open, per-terminal (LDD3 ch. 6).
insmod gates.ko
grep gates /proc/devices
mknod /dev/gate_single c 254 0
mknod /dev/gate_owner c 254 1
mknod /dev/gate_wait c 254 2
mknod /dev/gate_tty c 254 3
./opener
rmmod gates
