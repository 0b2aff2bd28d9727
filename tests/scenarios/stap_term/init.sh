#!kctx cpus=1 seconds=6
# stap inside the machine: SIGTERM (kill's default) ends a session as SIGINT does; a
# runtime error ends it with stap's ERROR and WARNING lines and exit status 1; a signal
# before the module is loaded ends stap with nothing run (status 1); SIGKILL leaves a
# session running until the run ends. stap reads scripts from the scenario's directory.
stap count.stp &
sleep 1.5
kill $!
wait $!
echo "SIGTERM: exit status $?"
stap -e 'global z probe begin { println(10 / z) }'
echo "runtime error: exit status $?"
stap -e 'probe begin { println("never") }' &
sleep 0.5
kill -INT $!
wait $!
echo "interrupted while loading: exit status $?"
stap count.stp &
sleep 1.2
kill -9 $!
wait $!
echo "SIGKILL: exit status $?"
stap nosuch.stp
echo "no such script: exit status $?"
