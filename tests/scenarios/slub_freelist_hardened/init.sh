#!kctx cpus=1 seconds=0.5 config=debian
# A write after kfree() overwrites SLUB's free pointer in the freed object (debian: no
# KASAN, CONFIG_SLAB_FREELIST_HARDENED). The next kmalloc hands the object out again and
# takes the corrupted pointer, decoded with the cache's secret, as the next free object;
# the kmalloc after it loads through that non-canonical address: a general protection
# fault in the allocator (mm/slub.c freelist_ptr(), arch/x86/kernel/traps.c), where an
# unhardened SLUB would have returned the attacker's 0x4141414141414141.
insmod freelist.ko
