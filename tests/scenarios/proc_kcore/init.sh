#!kctx cpus=1 seconds=1
# /proc/kcore (issue 14): readable by root, an ELF core of the kernel's address space
# (fs/proc/kcore.c); its first bytes are the ELF magic and class. The file is as long as
# its last segment's end (terabytes of offsets), so dd reads its header page only.
dd if=/proc/kcore of=/dev/null bs=4k count=1
head -c 4 /proc/kcore | grep -c ELF
# The memory behind the PT_LOADs: init's task_struct comm at 0xffff888100000110, which
# the direct map's segment puts at 4096 + 0x100000110 (read_kcore()'s offset).
dd if=/proc/kcore bs=16 skip=268435729 count=1 2>/dev/null | head -c 4
echo
