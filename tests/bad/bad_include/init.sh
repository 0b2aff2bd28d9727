#!kctx cpus=1 seconds=1
# Two modules with errors: both are reported, not only the first one's.
insmod first.ko
insmod second.ko
