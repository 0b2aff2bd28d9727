#!kctx cpus=4 seconds=100000
# An idle machine for 99,999 simulated seconds: idle time is skipped event to event.
sleep 99999
echo "slept"
