#!kctx cpus=1 seconds=86400
./array_sum
