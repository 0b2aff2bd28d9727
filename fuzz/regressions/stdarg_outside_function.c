/* va_* outside any function, on non-va_list operands, and nested in their own arguments */
#include <stdarg.h>
int x = sizeof(__builtin_va_arg(0, int));
va_list g;
int y = __builtin_va_start(g, x);
void f(int n, ...) { va_list ap; va_start(ap, va_arg(ap, int)); va_copy(ap, ap); va_arg(ap, va_list); va_end(ap) }
