#!kctx cpus=1 seconds=3
# The seed's SystemTap note, inside the machine: test.stp's "#!/usr/bin/stap" line makes
# ./test.stp run stap with the script and its arguments (fs/binfmt_script.c). The
# session starts a simulated second later (stap's compile and module load), its begin
# probe prints and exit() ends it. A missing argument is stap's parse error (status 1).
# From the host: kctx stap examples/stap_args/test.stp 100 test --run examples/stap_args
./test.stp 100 "test"
./test.stp 100
echo "exit status $?"
