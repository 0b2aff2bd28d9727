#!kctx cpus=1 seconds=1
# The kernel's string helpers (lib/string.c, mm/util.c, lib/kasprintf.c) and ctype.
insmod strings.ko
rmmod strings
