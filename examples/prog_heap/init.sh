#!kctx cpus=1 seconds=10
./bigdata
