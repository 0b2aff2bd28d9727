#!kctx cpus=1 seconds=100000
./cst_loop
