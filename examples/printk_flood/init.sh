#!kctx cpus=1 seconds=100 log_buf_len=4096
# A million printk records into a 4 KiB ring: dmesg shows only the newest.
insmod flood.ko n=1000000
dmesg | tail -3
