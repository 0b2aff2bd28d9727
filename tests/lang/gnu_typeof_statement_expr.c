/* GNU typeof and statement expressions, as the kernel's min()/max()/swap() use them. */
#include <stdio.h>

#define max(a, b) ({ typeof(a) _a = (a); typeof(b) _b = (b); _a > _b ? _a : _b; })
#define swap(a, b) do { typeof(a) _t = (a); (a) = (b); (b) = _t; } while (0)
#define square_once(x) ({ __typeof__(x) _v = (x); _v * _v; })

static int calls;
static int next(void) { return ++calls; }

int main(void)
{
	printf("%d\n", max(3, 9));
	printf("%.1f\n", max(2.5, -1.0));
	int x = 1, y = 2;
	swap(x, y);
	printf("%d %d\n", x, y);
	int sq = square_once(next());
	printf("%d %d\n", sq, calls);
	typeof(x) z = 7;
	typeof(int *) pz = &z;
	printf("%d %zu\n", *pz, sizeof(typeof(char[5])));
	int r = ({ int t = 0; for (int i = 1; i <= 4; i++) t += i; t; });
	printf("%d\n", r);
	return 0;
}
