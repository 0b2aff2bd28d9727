# Device memory mapped with a driver's ->mmap and remap_pfn_range() (issue 11 item 6).
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.mmap_dev$'
kctx_golden(mmap_dev examples/mmap_dev 0)
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.mmap_vmops$'
kctx_golden(mmap_vmops examples/mmap_vmops 0)
#   KCTX_UPDATE_GOLDEN=1 ctest -R 'golden\.mmap_fault$'
kctx_golden(mmap_fault examples/mmap_fault 0)
# A libc function's bad access is the program's own fault: SIGSEGV, not an unsimulated call.
kctx_golden(libc_fault tests/scenarios/libc_fault 0)
# current->blocked and current->pending.signal as module code reads them.
kctx_golden(task_sigsets tests/scenarios/task_sigsets 0)
