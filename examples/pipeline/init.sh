#!kctx cpus=2 seconds=2
# A guide's commands, as its reader types them: sudo, pipes, lists, & and wait.
sudo insmod lines.ko
sudo lsmod | grep lines
cat /proc/modules | wc -l
dmesg | tail -2
cat /dev/lines | head -n 2
grep -c a /dev/lines
grep -v -e a < /dev/lines
cat /dev/lines | grep -E 'line [24]' | wc -w
./ticker 4 | tail -1
echo
grep nosuch /dev/lines || echo "no match: status $?"
grep x /nonexistent; echo "status $?"
[ $? -eq 0 ] && echo "echo's status was 0"
test 3 -gt 2 && echo "hello from echo" | wc -c
mknod /dev/lines_chr c 231 0 && head -1 /dev/lines_chr
cat /dev/lines > /dev/null &
sleep 1 &
wait
echo "waited: $?"
dmesg | grep -c 'opened by'
sudo rmmod lines
sudo journalctl --since "1 hour ago" | grep lines: | tail -3
