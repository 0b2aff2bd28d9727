#!kctx cpus=1 seconds=2
# stap inside the machine takes kctx stap's options: -p1 and -p2 print and exit 0, -L lists,
# no script is a usage error (2), and the host's own options (--run ...) are refused (2).
stap -p1 -e 'probe begin { exit() }'
echo "p1 $?"
stap
echo "none $?"
stap --run x -e 'probe begin { }'
echo "run $?"
stap -p2 -e 'probe timer.ms(10) { }'
echo "p2 $?"
stap -L 'scheduler.ctxswitch'
echo "L $?"
