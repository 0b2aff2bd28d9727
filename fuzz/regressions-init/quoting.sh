#!kctx cpus=2
# quotes, escapes and format characters the generated C must carry verbatim
echo "100% \"done\" \\ \n" %s %n
echo 'a\tb "c"' \$HOME
insmod m.ko s="x\"y%d" t='%p\' n=-1
echo "[31m bell"
