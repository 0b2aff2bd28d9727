/* Chained conditionals as a lookup, and conditional operands with side effects. */
#include <stdio.h>

static int grade(int score) { return score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 70 ? 'C' : 'F'; }

int main(void)
{
	int scores[] = {95, 85, 75, 65, 90, 0};
	for (int i = 0; i < 6; i++)
		putchar(grade(scores[i]));
	putchar('\n');
	int a = 0, b = 0;
	for (int i = 0; i < 5; i++)
		i % 2 ? a++ : b++;
	printf("%d %d\n", a, b);
	int x = 5;
	int y = x > 3 ? x++ : x--;
	printf("%d %d\n", x, y);
	return 0;
}
