/* A board's LED on a GPIO line: struct gpio and the GPIOF_* flags compile, and the first
 * gpio_*() call is the one diagnostic, since kctx has no GPIO controller. */
#include <linux/gpio.h>
#include <linux/module.h>

static struct gpio leds[] = { { 4, GPIOF_OUT_INIT_LOW, "LED 1" } };

static int __init board_init(void)
{
	return gpio_request(leds[0].gpio, leds[0].label);
}

module_init(board_init);
MODULE_LICENSE("GPL");
