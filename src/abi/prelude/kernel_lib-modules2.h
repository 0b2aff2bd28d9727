/* lib/vsprintf.c vsscanf()/sscanf(): the kernel's scanner. Conversions d i u x X o c s n
 * with widths, '*' and the h hh l ll z qualifiers; a blank in the format skips blanks in
 * the input; the first mismatch or input without a number ends the scan. Returns how
 * many values were assigned. */
static inline int __kctx_scan_isspace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static inline int __kctx_scan_digit(char c, int base)
{
	if (c >= '0' && c <= '9')
		return c - '0' < base;
	c |= 0x20;
	return base == 16 && c >= 'a' && c <= 'f';
}
/* Stores v through the next pointer argument, of the size the qualifier says. */
#define __kctx_scan_store(ap, qualifier, v)                                   \
	do {                                                                  \
		if ((qualifier) == 'H')                                       \
			*va_arg(ap, unsigned char *) = (v);                   \
		else if ((qualifier) == 'h')                                  \
			*va_arg(ap, unsigned short *) = (v);                  \
		else if ((qualifier) == 'l' || (qualifier) == 'z')            \
			*va_arg(ap, unsigned long *) = (v);                   \
		else if ((qualifier) == 'L')                                  \
			*va_arg(ap, unsigned long long *) = (v);              \
		else                                                          \
			*va_arg(ap, unsigned int *) = (v);                    \
	} while (0)
static inline int vsscanf(const char *buf, const char *fmt, va_list args)
{
	const char *str = buf;
	int num = 0;
	va_list ap;
	va_copy(ap, args);
	while (*fmt) {
		if (__kctx_scan_isspace(*fmt)) {
			while (__kctx_scan_isspace(*fmt))
				fmt++;
			while (__kctx_scan_isspace(*str))
				str++;
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%')
				fmt++;
			if (*fmt++ != *str++)
				break;
			continue;
		}
		fmt++;
		int skip = *fmt == '*';
		if (skip)
			fmt++;
		int width = -1;
		if (*fmt >= '0' && *fmt <= '9') {
			width = 0;
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + *fmt++ - '0';
		}
		int qualifier = 0;
		if (*fmt == 'h' || *fmt == 'l' || *fmt == 'L' || *fmt == 'z' || *fmt == 'Z' || *fmt == 'j' || *fmt == 't') {
			qualifier = *fmt++;
			if (qualifier == 'h' && *fmt == 'h') {
				qualifier = 'H';
				fmt++;
			} else if (qualifier == 'l' && *fmt == 'l') {
				qualifier = 'L';
				fmt++;
			} else if (qualifier == 'Z' || qualifier == 'j' || qualifier == 't') {
				qualifier = 'l';
			}
		}
		char conv = *fmt++;
		if (!conv)
			break;
		if (conv == 'n') {
			if (!skip)
				*va_arg(ap, int *) = str - buf;
			continue;
		}
		if (!*str)
			break;
		if (conv == 'c') {
			if (width < 0)
				width = 1;
			char *s = skip ? NULL : va_arg(ap, char *);
			while (width-- > 0 && *str) {
				if (s)
					*s++ = *str;
				str++;
			}
			if (!skip)
				num++;
			continue;
		}
		while (__kctx_scan_isspace(*str))
			str++;
		if (conv == 's') {
			char *s = skip ? NULL : va_arg(ap, char *);
			if (width < 0)
				width = 0x7fffffff;
			while (*str && !__kctx_scan_isspace(*str) && width-- > 0) {
				if (s)
					*s++ = *str;
				str++;
			}
			if (s)
				*s = 0;
			if (!skip)
				num++;
			continue;
		}
		int base = 10, is_signed = 0;
		if (conv == 'd')
			is_signed = 1;
		else if (conv == 'i')
			is_signed = 1, base = 0;
		else if (conv == 'x' || conv == 'X')
			base = 16;
		else if (conv == 'o')
			base = 8;
		else if (conv != 'u')
			break;   /* a conversion the kernel does not know ends the scan */
		char digits[64];
		int n = 0, limit = width > 0 && width < 63 ? width : 63;
		while (str[n] && n < limit && !__kctx_scan_isspace(str[n]))
			digits[n] = str[n], n++;
		digits[n] = 0;
		const char *p = digits;
		if (*p == '-' && is_signed)
			p++;
		unsigned int b = base;
		const char *first_digit = __kctx_parse_base(p, &b);
		if (!__kctx_scan_digit(*first_digit, b))
			break;
		char *end;
		unsigned long long v = is_signed ? (unsigned long long)simple_strtoll(digits, &end, base)
						 : simple_strtoull(digits, &end, base);
		if (!skip) {
			__kctx_scan_store(ap, qualifier, v);
			num++;
		}
		str += end - digits;
	}
	va_end(ap);
	return num;
}
static inline int sscanf(const char *buf, const char *fmt, ...)
{
	va_list args;
	int i;
	va_start(args, fmt);
	i = vsscanf(buf, fmt, args);
	va_end(args);
	return i;
}
