#!kctx cpus=2 seconds=2
# A driver's vm_operations_struct.fault: each page of the mapping is handed out at its first touch.
insmod pages.ko
./user
rmmod pages
