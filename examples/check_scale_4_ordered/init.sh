#!kctx cpus=4 seconds=1 config=debian
# 4 tasks x 2 spinlocks x 2 rounds, locks always taken 0 then 1: deadlock-free (the Spin model scale_4.pml -DORDERED); check with --max-irqs 0
insmod scale.ko tasks=4 ordered=1
sleep 0.1
