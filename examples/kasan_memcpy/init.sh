#!kctx cpus=2 seconds=1
# A write() handler copies a user message into a buffer kmalloc'd one pointer's size
# (sizeof(msg) for sizeof(*msg)): KASAN checks copy_from_user's kernel side. See README.
insmod msgdev.ko
./sender
