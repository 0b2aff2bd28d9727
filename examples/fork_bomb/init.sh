#!kctx cpus=2 seconds=30 threads_max=256
# A fork bomb against kernel.threads-max: fork() fails with EAGAIN and the bomb ends.
./bomb
echo "bomb exited with $?"
