#!kctx cpus=2 seconds=2
# A test script in the style module authors write for their debugfs files: set -e, each
# check a [ ] of a $(cat ...) against what printf makes, printf > FILE to write exact
# bytes, and the status of a write the module refuses.
set -e
d=/sys/kernel/debug/knob
insmod ./knob.ko
[ "$(cat $d/limit)" = 100 ]
printf 42 > $d/value
[ "$(cat $d/value)" = 42 ]
printf '%d' 0x30 > $d/value
[ "$(cat $d/value)" = "$(printf '%u' 48)" ]
printf 250 > $d/limit
./limits
printf 200 > $d/value
set +e
printf 300 > $d/value
status=$?
printf 'far too long' > $d/label
long=$?
set -e
echo "over the limit: $status, too long: $long"
printf 'ab\ncd' > $d/label
[ "$(cat $d/label)" = "$(printf 'ab\ncd\n')" ]
printf '%s=%s\n' limit "$(cat $d/limit)" value "$(cat $d/value)"
printf '%-6s|%5s|%c\n' left right xyz
rmmod knob
echo passed
