#!kctx cpus=1 seconds=0.5 config=debian
# A call through a NULL function pointer: the instruction fetch from address 0. 6.1 cannot
# read the code bytes ("Code: Unable to access opcode bytes at 0xffffffffffffffd6.");
# 4.4 prints "(null)" for both %p and %pS (IP: [<          (null)>]           (null))
# and "Code:  Bad RIP value.".
insmod nullops.ko
