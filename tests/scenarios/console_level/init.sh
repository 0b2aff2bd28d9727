#!kctx cpus=1 seconds=1
# The console's log level: by default (7) the levels 0..6 reach it; 8 shows debug too;
# CONSOLE_OFF leaves only emergencies (level 1) until CONSOLE_ON restores the level.
insmod chatter.ko
cat /dev/chatter
./level 8 8
cat /dev/chatter
./level 8 4
cat /dev/chatter
./level 6
cat /dev/chatter
./level 7
cat /dev/chatter
./level 8 9
./level 8 0
./level 6
./level 8 5
./level 7
cat /dev/chatter
