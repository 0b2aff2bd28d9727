#!kctx cpus=5 seconds=1 config=debian
# 5 tasks x 2 spinlocks x 2 rounds, locks always taken 0 then 1: deadlock-free (the Spin model scale_5.pml -DORDERED); check with --max-irqs 0
insmod scale.ko tasks=5 ordered=1
sleep 0.1
