#!kctx cpus=1 seconds=4
# stap inside the machine: -o FILE (stapio opens FILE and writes the module's output
# there; /dev/kmsg puts each line in the kernel log), a file it cannot open, the script
# on standard input (stap -), and stap - with the console as stdin.
stap -o /dev/kmsg -e 'probe begin { printf("to the kernel log from %s\n", execname()); exit() }'
echo "kmsg $?"
stap -o /nosuch/out.txt -e 'probe begin { exit() }'
echo "nosuch $?"
echo 'probe begin { printf("read from stdin: %s\n", @1); exit() }' | stap - hello
echo "stdin $?"
echo 'probe begin { printf("%d\n", $1) }' | stap -
echo "stdin parse error $?"
stap -
echo "console $?"
stap -o /dev/null -e 'probe begin { printf("never seen\n"); exit() }'
echo "null $?"
