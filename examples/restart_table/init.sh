#!kctx cpus=2 seconds=30
# Every row of the x86-64 syscall restart table (arch/x86/kernel/signal.c): each return
# code a driver can give, against each way the interrupting signal is handled.
insmod restartable.ko
echo "== a handler with SA_RESTART"
./row 512 restart &
./row 513 restart &
./row 514 restart &
./row 516 restart &
./row 4 restart &
wait
echo "== a handler without SA_RESTART"
./row 512 norestart &
./row 513 norestart &
./row 514 norestart &
./row 516 norestart &
./row 4 norestart &
wait
echo "== SIG_IGN: the signal is discarded when sent and wakes nobody"
./row 512 ignore &
./row 513 ignore &
./row 514 ignore &
./row 516 ignore &
./row 4 ignore &
wait
echo "== SIGSTOP, then SIGCONT: no handler runs"
./row 512 stopcont &
./row 513 stopcont &
./row 514 stopcont &
./row 516 stopcont &
./row 4 stopcont &
sleep 1
kill -STOP %1 %2 %3 %4 %5
sleep 0.5
ps
kill -CONT %1 %2 %3 %4 %5
wait
echo "== the default action of SIGALRM: terminate"
./row 512 default &
./row 4 default &
wait %1
echo "exit status $?"
wait %2
echo "exit status $?"
echo "== SIGALRM blocked: it stays pending and wakes nobody until unblocked"
./row 512 blocked &
wait
echo "== no signal pending: the restart code leaks to user space"
./row 512 nosignal &
./row 513 nosignal &
./row 514 nosignal &
./row 516 nosignal &
wait
echo "== nanosleep(2 s): -ERESTART_RESTARTBLOCK and restart_syscall(2)"
./row nanosleep restart &
./row nanosleep norestart &
./row nanosleep ignore &
./row nanosleep stopcont &
sleep 1
kill -STOP %4
sleep 0.5
kill -CONT %4
wait
