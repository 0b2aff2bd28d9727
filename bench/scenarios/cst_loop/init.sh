#!kctx cpus=1 seconds=86400
./cst_loop
