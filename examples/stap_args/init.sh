#!kctx cpus=1 seconds=1
# The machine the seed's SystemTap note runs on: nothing happens, the script only
# prints its arguments. kctx stap examples/stap_args/test.stp 100 test --run examples/stap_args
sleep 1
