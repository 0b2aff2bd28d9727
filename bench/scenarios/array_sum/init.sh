#!kctx cpus=1 seconds=100000
./array_sum
