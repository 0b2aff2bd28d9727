#!kctx cpus=1 seconds=1
# strcpy() through a NULL struct pointer in module_init: an oops inside strcpy, insmod
# killed. See README.
insmod nullcopy.ko
echo "insmod exited"
