# Interrupt lines (issue 11): request_threaded_irq(), the irq/N-name thread, disable/enable,
# free_irq()'s WARN, /proc/interrupts, and the "nobody cared" detector of a periodic line.
# Regenerate with KCTX_UPDATE_GOLDEN=1 ctest -R 'golden.irq_'
kctx_golden(irq_thread examples/irq_thread 1)
kctx_golden(irq_thread_debian examples/irq_thread 1 --config debian)
kctx_golden(irq_nobody_cared examples/irq_nobody_cared 0 --config debian)
kctx_bad_input(bad_irq_header "init\\.sh:1:[0-9]+: error: irq must be LINE:PERIOD.*got '30:1ms'")
