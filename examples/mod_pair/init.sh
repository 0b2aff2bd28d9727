#!kctx cpus=1 seconds=10
# Two modules with 3 MiB arrays, loaded together: each gets its own range of the module
# area (first fit, a guard page between them), then each checks its array is intact.
insmod ma.ko
insmod mb.ko
lsmod
rmmod ma
rmmod mb
# With ma gone, its range is free again: mb loads at the lowest address that fits.
insmod mb.ko
rmmod mb
