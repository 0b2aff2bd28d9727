/* Date arithmetic: leap years, day of week (Zeller), days between dates. */
#include <stdio.h>

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int weekday(int y, int m, int d)
{
	if (m < 3) {
		m += 12;
		y--;
	}
	int k = y % 100, j = y / 100;
	int h = (d + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7;
	return (h + 6) % 7;   /* 0 = Sunday */
}

static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int main(void)
{
	const char *names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	printf("%d %d %d %d\n", leap(1900), leap(2000), leap(2024), leap(2023));
	printf("%s %s %s\n", names[weekday(1970, 1, 1)], names[weekday(2000, 2, 29)], names[weekday(2022, 12, 11)]);
	printf("%ld\n", days_from_civil(1970, 1, 1));
	printf("%ld\n", days_from_civil(2022, 12, 11) - days_from_civil(1991, 9, 17));
	return 0;
}
