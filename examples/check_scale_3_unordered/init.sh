#!kctx cpus=3 seconds=1 config=debian
# 3 tasks x 2 spinlocks x 2 rounds, both locks in a random order: AB-BA reachable (the Spin model scale_3.pml); check with --max-irqs 0
insmod scale.ko tasks=3 ordered=0
sleep 0.1
