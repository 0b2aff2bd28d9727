#!kctx cpus=1 seconds=1 kasan_multi_shot=1
# Two bad accesses: with kasan_multi_shot on the command line KASAN reports both (without
# it, only the first: mm/kasan/report.c report_enabled()).
insmod twice.ko
