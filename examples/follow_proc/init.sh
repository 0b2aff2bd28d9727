#!kctx cpus=2 seconds=8
# A guide's session with a /proc file only one opener may hold: a program kept in a
# subdirectory (./tools/peek), tail -f holding the file in the background, tee.
insmod turnstile.ko
ls -l /proc/turnstile
./tools/peek /proc/turnstile
echo "first words" | tee /proc/turnstile
tail -f /proc/turnstile &
sleep 2
./tools/peek /proc/turnstile
echo "peek: exit status $?"
kill %1
wait
./tools/peek /proc/turnstile
rmmod turnstile
