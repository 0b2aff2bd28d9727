#!kctx cpus=1 seconds=10
# 1 GiB of .bss is more than the whole module area: module_alloc() fails quietly, insmod
# says ENOMEM.
insmod huge.ko
echo "insmod: exit status $?"
# 600 MiB fits once; a second 600 MiB module finds no room left: alloc_vmap_area() and
# warn_alloc() report it, insmod says ENOMEM.
insmod half.ko
insmod half2.ko
echo "insmod: exit status $?"
# Once half is unloaded, its range is free for half2.
rmmod half
insmod half2.ko
lsmod
