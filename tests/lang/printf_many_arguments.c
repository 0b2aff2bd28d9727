/* printf with many arguments of mixed types (past the six argument registers). */
#include <stdio.h>

int main(void)
{
	printf("%d %ld %u %c %s %f %x %lu %hd %e %g %o %i %lld\n",
	       1, 2l, 3u, '4', "5", 6.0, 7, 8ul, (short)9, 10.0, 11.0, 12, 13, 14ll);
	printf("%s%s%s%s%s%s%s%s%s%s\n", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
	printf("%.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f\n", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
	return 0;
}
