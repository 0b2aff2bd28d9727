#!kctx cpus=1
if true; then echo a; elif false; then echo b; else echo c; fi
for i in 1 2 3; do echo $i; done
while false; do :; done
sleep 0 & wait $!
echo $? $$ > /dev/null
case x in x) echo y;; *) echo z;; esac
