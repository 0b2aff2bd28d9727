#!kctx cpus=2 seconds=1
# A use-after-free: the object is read after kfree(). The debug kernel (KASAN) reports
# it; on debian the read silently returns stale data. See README.
insmod uaf.ko
