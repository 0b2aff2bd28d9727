#!kctx cpus=4 seconds=1 config=debian
# 4 tasks x 2 spinlocks x 2 rounds, both locks in a random order: AB-BA reachable (the Spin model scale_4.pml); check with --max-irqs 0
insmod scale.ko tasks=4 ordered=0
sleep 0.1
