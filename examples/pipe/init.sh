#!kctx cpus=1 seconds=5
./pipes
