#!kctx cpus=2 seconds=2
# A driver's page mapped into a process with remap_pfn_range(), and mmap(2)'s errors.
insmod mmapbuf.ko
./share
rmmod mmapbuf
