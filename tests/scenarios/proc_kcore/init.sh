#!kctx cpus=1 seconds=1
# /proc/kcore (issue 14): readable by root, an ELF core header of the kernel's address
# space (fs/proc/kcore.c); its first bytes are the ELF magic and class.
dd if=/proc/kcore of=/dev/null bs=4k
head -c 4 /proc/kcore | grep -c ELF
