#include <linux/kernel.h>
#include "beacon.h"

int beacon_blink(int times)
{
	int i;

	for (i = 0; i < times; i++)
		PDEBUG("blink %d\n", i);
	return times;
}
