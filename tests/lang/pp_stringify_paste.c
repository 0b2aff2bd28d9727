/* Preprocessor # and ## operators, and the two-level expansion idiom. */
#include <stdio.h>

#define STR(x) #x
#define XSTR(x) STR(x)
#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define VALUE 42
#define PREFIX var_

int var_1 = 11, var_2 = 22;

int main(void)
{
	printf("%s\n", STR(VALUE));
	printf("%s\n", XSTR(VALUE));
	printf("%s\n", STR(a + b   *  c));
	printf("%s\n", STR("quoted" 'c'));
	printf("%d %d\n", CAT(var_, 1), XCAT(PREFIX, 2));
	int CAT(my, count) = 5;
	printf("%d\n", mycount);
	printf("%d\n", CAT(0x, ff));
	printf("%s\n", XSTR(CAT(VAL, UE)));
	printf("%s\n", STR());
	return 0;
}
