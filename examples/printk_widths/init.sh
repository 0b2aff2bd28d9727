#!kctx cpus=1 seconds=1
# Field widths and precisions the kernel's vsnprintf clamps, and records cut at LOG_LINE_MAX.
insmod widths.ko
dmesg | wc -c
