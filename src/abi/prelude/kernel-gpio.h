/* The legacy GPIO interface's types (include/linux/gpio.h, 6.1), so that a module written
 * for a board (a LED, buttons on interrupt lines, a sensor) compiles as far as its first
 * call: kctx has no GPIO controller, and gpio_request() and the rest are reported as a
 * Linux 6.1 API kctx does not simulate (abi/Unsimulated.cpp). */
#define GPIOF_DIR_OUT (0 << 0)
#define GPIOF_DIR_IN (1 << 0)
#define GPIOF_INIT_LOW (0 << 1)
#define GPIOF_INIT_HIGH (1 << 1)
#define GPIOF_IN (GPIOF_DIR_IN)
#define GPIOF_OUT_INIT_LOW (GPIOF_DIR_OUT | GPIOF_INIT_LOW)
#define GPIOF_OUT_INIT_HIGH (GPIOF_DIR_OUT | GPIOF_INIT_HIGH)
#define GPIOF_ACTIVE_LOW (1 << 2)
#define GPIOF_OPEN_DRAIN (1 << 3)
#define GPIOF_OPEN_SOURCE (1 << 4)
#define GPIOF_EXPORT (1 << 5)
#define GPIOF_EXPORT_CHANGEABLE (1 << 6)
struct gpio {
	unsigned gpio;
	unsigned long flags;
	const char *label;
};
/* include/uapi/linux/kd.h and include/uapi/linux/vt.h: the console ioctl and the
 * number of virtual consoles (kbleds). */
#define KDSETLED 0x4B32
#define MAX_NR_CONSOLES 63
