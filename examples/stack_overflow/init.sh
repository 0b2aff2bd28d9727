#!kctx cpus=2 seconds=1
# Unbounded recursion in module code overflows the 16 KiB kernel stack (THREAD_SIZE).
insmod recurse.ko
