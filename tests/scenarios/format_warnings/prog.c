// Every kind of -Wformat mismatch gcc 12 reports for printf; tests/format_warnings.gcc12.txt
// is what gcc 12.2 -Wall says about this file (kctx must say the same, line for line).
#include <stdio.h>
#include <stddef.h>
enum color { RED };
struct s { int a; };
void f(long l, unsigned u, char *s, int i, enum color c, struct s *ps, float fl, unsigned long ul, long long ll, _Bool b, double d, short sh, unsigned char uc, signed char *sc)
{
printf("%zd\n", i);
printf("%zu\n", u);
printf("%*d\n", l, i);
printf("%.*s\n", l, s);
printf("%d %d\n", i);
printf("%y\n", i);
printf("abc %");
printf("%5");
printf("%lld\n", l);
printf("%p\n", i);
printf("%s\n", i);
printf("%c\n", s);
printf("%s\n", c);
printf("%s\n", ps);
printf("%d\n", fl);
printf("%ld\n", ul);
printf("%lu\n", l);
printf("%llu\n", ul);
printf("%d\n", b);
printf("%Lf\n", d);
printf("%f\n", i);
printf("%hhd %hd\n", l, l);
printf("%s\n", sh);
printf("%s\n", sc);
printf("%p %p\n", ps, f);
printf("%n\n", s);
printf("%d\n", (char)1);
printf("%s\n", "x", 3);
printf("%pS %pK %pI4\n", ps, ps, ps);
printf("%pS\n", l);
printf("%x %X %o\n", l, s, d);
printf("%lx %ld %zx %td %jd\n", i, i, i, i, i);
printf("%c\n", l);
printf("\t\x41\101%d\n", l);
printf("a" "b\n" "%s" "%d\n", s, s);
}
int main(void) { return 0; }
