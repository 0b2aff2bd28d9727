#!kctx cpus=1 seconds=1
# A .stp file run as a program must start with a stap "#!" line: kctx refuses it at load.
./plain.stp 1
