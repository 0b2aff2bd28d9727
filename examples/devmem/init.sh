#!kctx cpus=2 seconds=2
# /dev/mem under CONFIG_STRICT_DEVMEM, and the crash utility's /dev/crash driver.
cat /proc/iomem
# the system ROM: the reset vector and the BIOS date
./peek /dev/mem 0xffff0 16
# page 0 is reserved, not RAM: the real-mode interrupt vectors read as they are
./peek /dev/mem 0x0 32
# RAM below 1 MiB reads as zeros (devmem_is_allowed() == 2)
./peek /dev/mem 0x1000 64
# RAM above 1 MiB is refused (devmem_is_allowed() == 0)
./peek /dev/mem 0x100000 16
./peek /dev/mem 0x100000000 16
# A sequential read gets exactly the first megabyte. The second 768 KiB block comes back
# short at 1 MiB (1+1 records: read_mem() returns what it read before the first page
# devmem_is_allowed() refuses) ...
dd if=/dev/mem of=/dev/null bs=768k count=2
# ... and the read after it fails: busybox dd names the file, says why, and exits 1.
dd if=/dev/mem of=/dev/null
echo "dd: exit status $?"
insmod crash.ko
# the same RAM through /dev/crash: kctx keeps task_structs at physical 4 GiB
./peek /dev/crash 0x100000000 768
# the PCI hole is not RAM: no struct page
./peek /dev/crash 0xc0000000 16
