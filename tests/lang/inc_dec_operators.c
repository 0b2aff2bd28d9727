/* Prefix and postfix ++/-- on integers, chars, pointers and doubles. */
#include <stdio.h>

int main(void)
{
	int i = 5;
	int a = i++;
	int b = ++i;
	printf("%d %d %d\n", a, b, i);
	int c = i--;
	int d = --i;
	printf("%d %d %d\n", c, d, i);
	char ch = 127;
	ch++;
	printf("%d\n", ch);
	unsigned char uc = 0;
	uc--;
	printf("%d\n", uc);
	double x = 1.5;
	x++;
	printf("%.1f\n", x);
	--x;
	printf("%.1f\n", x);
	int arr[] = {10, 20, 30};
	int *p = arr;
	printf("%d ", *p++);
	printf("%d ", *p);
	printf("%d ", ++*p);
	printf("%d\n", arr[1]);
	long *lp = (long *)0 + 1;
	printf("%d\n", (int)(long)lp);
	_Bool flag = 0;
	flag++;
	flag++;
	printf("%d\n", flag);
	return 0;
}
