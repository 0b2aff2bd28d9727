#!kctx cpu=2 seconds=1
./x
