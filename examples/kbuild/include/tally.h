/* What tally_main.c and tally_store.c share: one include guard, one #pragma once. */
#ifndef TALLY_H
#define TALLY_H
#pragma once

#include <linux/types.h>

struct tally_slot {
	const char *label;
	unsigned int hits;
};

extern struct tally_slot tally_slots[TALLY_SLOTS];

int tally_hit(const char *label);
unsigned int tally_total(void);

#endif
