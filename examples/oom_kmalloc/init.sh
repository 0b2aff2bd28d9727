#!kctx cpus=2 seconds=2 mem=64M
./hog 24 &
sleep 0.5
insmod eat.ko
echo insmod returned
sleep 0.5
