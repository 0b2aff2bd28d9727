#!kctx cpus=2 seconds=2 mem=64M
./grow
echo grow is gone
