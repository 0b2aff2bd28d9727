#!kctx cpus=2 seconds=2
# Character devices: a misc device, a register_chrdev() driver, the kernel's memory
# devices, and what the file syscalls return against each.
insmod echodev.ko
insmod dup.ko
./files
cat /proc/devices
cat /proc/self/status
