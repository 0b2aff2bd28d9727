/* Comments are replaced by one space before macro processing. */
#include <stdio.h>

#define ADD(a, /* comment in params */ b) ((a) + (b)) // trailing comment
#define STR(x) #x

int main(void)
{
	printf("%d\n", ADD(1, /* in args */ 2));
	printf("%s\n", STR(a/**/b));
	int/**/x = 3; // line comment
	printf("%d\n", x /* mid */ + /* expression */ 1);
	printf("%s\n", "/* not a comment */");
	printf("%s\n", "// not a comment either");
	/* multi
	   line */ printf("after multi-line comment\n");
	return 0;
}
