#!kctx cpus=1 seconds=0.5
# A program with structs for process() probes that walk them (tests/stap.cmake).
./ledger
