#!kctx cpus=2 seconds=1
# An off-by-one past a kmalloc'd buffer. KASAN tracks the requested size (20), not the
# slot (kmalloc-32): the write at index 20 is reported. See README.
insmod oob.ko
