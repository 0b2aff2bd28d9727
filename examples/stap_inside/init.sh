#!kctx cpus=2 seconds=8
# SystemTap started inside the machine (issue 13): each stap process is a task of its
# own; its session starts one simulated second after the command (compile and load).
# exit() ends a session:
stap -e 'probe begin { printf("hello from %s, pid %d\n", execname(), pid()); exit() }'
echo "stap exited $?"
# A parse error: stap's message on its stderr, exit status 1.
stap -e 'probe begin { printf("%d\n", $1) }'
echo "stap exited $?"
# Its output is the process's stdout, so it goes down a pipe like any program's:
stap -e 'probe begin { printf("one\ntwo\nthree\n"); exit() }' | wc -l
# SIGINT stops a session: probe end runs, then the process exits (status 0).
stap ticks.stp &
sleep 2
ps
kill -INT $!
wait $!
echo "ticks.stp exited $?"
# The end of the run ends a session that is still running: its probe end prints last.
stap -e 'global n probe timer.s(1) { n++ } probe end { printf("the run ended; timer.s(1) fired %d times\n", n) }' &
sleep 1
