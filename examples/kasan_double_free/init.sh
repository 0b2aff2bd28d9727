#!kctx cpus=2 seconds=1
# kfree() twice. Debug (KASAN): "BUG: KASAN: double-free", the second free is ignored.
# Debian: SLUB's hardened freelist check, "kernel BUG at mm/slub.c", insmod killed.
insmod dfree.ko
