# Device memory mapped with a driver's ->mmap and remap_pfn_range() (issue 11 item 6).
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.mmap_dev$'
kctx_golden(mmap_dev examples/mmap_dev 0)
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.mmap_vmops$'
kctx_golden(mmap_vmops examples/mmap_vmops 0)
