/* Interrupt lines (include/linux/interrupt.h, irqreturn.h, irq.h): request_irq() and the
 * rest are builtins (src/kernel/irq/Manage.cpp). The simulated machine's IO-APIC has lines
 * 0-23; 0 is the PIT's, so a module requests 1-23. A scenario raises a line with
 * `echo trigger > /sys/kernel/debug/irq/irqs/N`, or every PERIOD with irq=N:PERIOD. */
typedef irqreturn_t (*irq_handler_t)(int, void *);
#define IRQ_RETVAL(x) ((x) ? IRQ_HANDLED : IRQ_NONE)
#define IRQF_TRIGGER_NONE 0x00000000
#define IRQF_TRIGGER_RISING 0x00000001
#define IRQF_TRIGGER_FALLING 0x00000002
#define IRQF_TRIGGER_HIGH 0x00000004
#define IRQF_TRIGGER_LOW 0x00000008
#define IRQF_TRIGGER_MASK (IRQF_TRIGGER_HIGH | IRQF_TRIGGER_LOW | IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING)
#define IRQF_TRIGGER_PROBE 0x00000010
#define IRQF_SHARED 0x00000080
#define IRQF_PROBE_SHARED 0x00000100
#define __IRQF_TIMER 0x00000200
#define IRQF_PERCPU 0x00000400
#define IRQF_NOBALANCING 0x00000800
#define IRQF_IRQPOLL 0x00001000
#define IRQF_ONESHOT 0x00002000
#define IRQF_NO_SUSPEND 0x00004000
#define IRQF_FORCE_RESUME 0x00008000
#define IRQF_NO_THREAD 0x00010000
#define IRQF_EARLY_RESUME 0x00020000
#define IRQF_COND_SUSPEND 0x00040000
#define IRQF_NO_AUTOEN 0x00080000
#define IRQF_NO_DEBUG 0x00100000
#define IRQF_TIMER (__IRQF_TIMER | IRQF_NO_SUSPEND | IRQF_NO_THREAD)
#define IRQ_NOTCONNECTED (1U << 31)
#define NR_IRQS_LEGACY 16

/* kernel/exit.c before 5.17: complete_and_exit(), renamed kthread_complete_and_exit(). */
#if LINUX_VERSION_CODE < 0x051100
#define complete_and_exit(comp, code) kthread_complete_and_exit(comp, code)
#endif
