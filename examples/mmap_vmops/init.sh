#!kctx cpus=2 seconds=2
# A driver's vm_operations_struct: ->close on munmap, one mapping at a time.
insmod ring.ko
./user
rmmod ring
