// Two devices on two interrupt lines, for irq_handler probes: "keypad" on line 5 and
// "modem" on line 7, each counting its interrupts. init.sh makes them interrupt through
// debugfs's injection (kernel/irq/debugfs.c), as the devices would by asserting a line.
#include <linux/module.h>
#include <linux/interrupt.h>

#define KEYPAD_LINE 5
#define MODEM_LINE 7

static int keypad_events;
static int modem_events;

static irqreturn_t keypad_irq(int irq, void *dev_id)
{
	int *events = dev_id;

	(*events)++;
	return IRQ_HANDLED;
}

static irqreturn_t modem_irq(int irq, void *dev_id)
{
	int *events = dev_id;

	(*events)++;
	return IRQ_HANDLED;
}

static int __init twodev_init(void)
{
	int err = request_irq(KEYPAD_LINE, keypad_irq, 0, "keypad", &keypad_events);

	if (err)
		return err;
	err = request_irq(MODEM_LINE, modem_irq, 0, "modem", &modem_events);
	if (err) {
		free_irq(KEYPAD_LINE, &keypad_events);
		return err;
	}
	return 0;
}

static void __exit twodev_exit(void)
{
	free_irq(MODEM_LINE, &modem_events);
	free_irq(KEYPAD_LINE, &keypad_events);
	pr_info("twodev: keypad %d, modem %d interrupts\n", keypad_events, modem_events);
}

module_init(twodev_init);
module_exit(twodev_exit);
MODULE_LICENSE("GPL");
