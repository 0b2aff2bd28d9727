// stuck.ko: a driver whose handler never recognises its device's interrupt. The device
// keeps interrupting (the scenario raises line 7 every 10 us), the handler returns
// IRQ_NONE every time, and after 100,000 interrupts of which more than 99,900 went
// unhandled the kernel's spurious-interrupt detector (kernel/irq/spurious.c) reports
// "irq 7: nobody cared" and disables the line.
#include <linux/module.h>
#include <linux/interrupt.h>

static int stuck_dev;
static unsigned long calls;

static irqreturn_t stuck_handler(int irq, void *dev_id)
{
	calls++;
	return IRQ_NONE;   // the status register says "not me" (it is wrong)
}

static int __init stuck_init(void)
{
	return request_irq(7, stuck_handler, 0, "stuck", &stuck_dev);
}

static void __exit stuck_exit(void)
{
	free_irq(7, &stuck_dev);
	pr_info("stuck: handler called %lu times\n", calls);
}

module_init(stuck_init);
module_exit(stuck_exit);
MODULE_LICENSE("GPL");
