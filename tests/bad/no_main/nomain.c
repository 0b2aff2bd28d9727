#include <stdio.h>
int helper(void) { return 0; }
