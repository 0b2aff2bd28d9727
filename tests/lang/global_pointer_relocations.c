/* Global pointers initialized to addresses inside other globals: array elements,
 * struct members, string literal offsets, pointers to pointers. */
#include <stdio.h>

struct rec { int a; int b[3]; };
struct rec r = {1, {2, 3, 4}};
int *pb2 = &r.b[2];
int *pa = &r.a;
char text[] = "relocation";
char *mid = &text[5];
const char *lit = "literal" + 3;
int nums[] = {10, 20, 30};
int *ends[] = {&nums[0], &nums[2], nums + 1};
int **pp = &ends[1];
struct rec *pr = &r;

int main(void)
{
	printf("%d %d %s %s\n", *pb2, *pa, mid, lit);
	printf("%d %d %d\n", *ends[0], *ends[1], *ends[2]);
	printf("%d\n", **pp);
	printf("%d\n", pr->b[1]);
	*pb2 = 40;
	printf("%d\n", r.b[2]);
	return 0;
}
