# What LDD3's examples (Linux Device Drivers, 3rd edition, as maintained for current
# kernels) need, in scenarios of kctx's own (issue 11):
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.(open_access|kbuild_lddinc)$'
kctx_golden(open_access examples/open_access 0)
kctx_golden(kbuild_lddinc tests/scenarios/kbuild_lddinc 0)
