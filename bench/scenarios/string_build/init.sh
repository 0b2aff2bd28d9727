#!kctx cpus=1 seconds=86400
./string_build
