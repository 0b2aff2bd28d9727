#!kctx cpus=2 seconds=3
# uprobes from inside the machine (issue 13): stap watches a program that starts after
# its session did; SIGINT ends it.
stap fib.stp &
sleep 1.5
./crunch
sleep 0.5
kill -INT $!
wait $!
echo "stap exited $?"
