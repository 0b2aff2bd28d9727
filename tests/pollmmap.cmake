# poll, select, fcntl and fasync on a driver (issue 11, fs/select.c, fs/fcntl.c).
# Regenerate with KCTX_UPDATE_GOLDEN=1 ctest -R golden.poll_fasync
kctx_golden(poll_fasync examples/poll_fasync 0)
