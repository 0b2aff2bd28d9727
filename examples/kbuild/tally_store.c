// tally.ko, part 2: the table. Its functions and tally_slots are not static, so
// tally_main.c calls and reads them; `find` is static, this file's own.
#include <linux/string.h>
#include <linux/errno.h>

#include "tally.h"

struct tally_slot tally_slots[TALLY_SLOTS];

static struct tally_slot *find(const char *label)
{
	unsigned int i;

	for (i = 0; i < TALLY_SLOTS; i++)
		if (!tally_slots[i].label || !strcmp(tally_slots[i].label, label))
			return &tally_slots[i];
	return NULL;
}

int tally_hit(const char *label)
{
	struct tally_slot *s = find(label);

	if (!s)
		return -ENOSPC;
	s->label = label;
	s->hits++;
	return 0;
}

unsigned int tally_total(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < TALLY_SLOTS; i++)
		n += tally_slots[i].hits;
	return n;
}
