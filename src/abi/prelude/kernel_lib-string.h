/* The kernel's own string and memory helpers (lib/string.c, lib/string_helpers.c,
 * lib/kasprintf.c, mm/util.c, include/linux/ctype.h over lib/ctype.c), in kernel C. */

/* lib/ctype.c _ctype[]: ASCII as the C locale has it; of Latin-1's upper half, 160 is a
 * space, 161-191, 215 and 247 punctuation, 192-222 upper and 223-255 lower case. */
static inline int __kctx_ctype_upper(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 192 && c <= 222 && c != 215);
}
static inline int __kctx_ctype_lower(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 223 && c != 247);
}
static inline int isdigit(int c) { return c >= '0' && c <= '9'; }
static inline int isupper(int c) { return __kctx_ctype_upper((unsigned char)c); }
static inline int islower(int c) { return __kctx_ctype_lower((unsigned char)c); }
static inline int isalpha(int c) { return isupper(c) || islower(c); }
static inline int isalnum(int c) { return isalpha(c) || isdigit(c); }
static inline int isxdigit(int c)
{
	return isdigit(c) || ((unsigned char)c >= 'a' && (unsigned char)c <= 'f') ||
	       ((unsigned char)c >= 'A' && (unsigned char)c <= 'F');
}
static inline int isspace(int c)
{
	unsigned char u = (unsigned char)c;
	return u == ' ' || (u >= '\t' && u <= '\r') || u == 160;
}
static inline int iscntrl(int c)
{
	unsigned char u = (unsigned char)c;
	return u < 32 || u == 127;
}
static inline int ispunct(int c)
{
	unsigned char u = (unsigned char)c;
	return (u > 32 && u < 127 && !isalnum(u)) || (u >= 161 && u <= 191) || u == 215 || u == 247;
}
static inline int isprint(int c)
{
	unsigned char u = (unsigned char)c;
	return !iscntrl(u) && (u < 128 ? 1 : u >= 160);
}
static inline int isgraph(int c) { return isprint(c) && c != ' ' && (unsigned char)c != 160; }
static inline int isascii(int c) { return (unsigned char)c <= 127; }
static inline int tolower(int c) { return isupper(c) ? c + ('a' - 'A') : c; }
static inline int toupper(int c) { return islower(c) ? c - ('a' - 'A') : c; }
#define _tolower(c) ((c) | 0x20)

/* lib/string.c strscpy(): at most count - 1 bytes and a NUL; the length, or -E2BIG when
 * src did not fit (dest then holds what did). */
__attribute__((weak)) ssize_t strscpy(char *dest, const char *src, size_t count)
{
	size_t i;

	if (count == 0 || WARN_ON_ONCE(count > INT_MAX))
		return -E2BIG;
	for (i = 0; i < count; i++) {
		dest[i] = src[i];
		if (!src[i])
			return i;
	}
	dest[count - 1] = '\0';
	return -E2BIG;
}
/* strscpy_pad(): strscpy(), then the rest of dest zeroed. */
__attribute__((weak)) ssize_t strscpy_pad(char *dest, const char *src, size_t count)
{
	ssize_t written = strscpy(dest, src, count);

	if (written < 0 || written == count - 1)
		return written;
	memset(dest + written + 1, 0, count - written - 1);
	return written;
}
/* lib/string.c strlcpy(): the length of src, whatever fitted. */
__attribute__((weak)) size_t strlcpy(char *dest, const char *src, size_t size)
{
	size_t ret = strlen(src);

	if (size) {
		size_t len = (ret >= size) ? size - 1 : ret;
		memcpy(dest, src, len);
		dest[len] = '\0';
	}
	return ret;
}
__attribute__((weak)) size_t strlcat(char *dest, const char *src, size_t count)
{
	size_t dsize = strlen(dest);
	size_t len = strlen(src);
	size_t res = dsize + len;

	BUG_ON(dsize >= count);
	dest += dsize;
	count -= dsize;
	if (len >= count)
		len = count - 1;
	memcpy(dest, src, len);
	dest[len] = 0;
	return res;
}
__attribute__((weak)) int strcasecmp(const char *s1, const char *s2)
{
	int c1, c2;

	do {
		c1 = tolower(*s1++);
		c2 = tolower(*s2++);
	} while (c1 == c2 && c1 != 0);
	return c1 - c2;
}
__attribute__((weak)) int strncasecmp(const char *s1, const char *s2, size_t len)
{
	unsigned char c1, c2;

	if (!len)
		return 0;
	do {
		c1 = *s1++;
		c2 = *s2++;
		if (!c1 || !c2)
			break;
		if (c1 == c2)
			continue;
		c1 = tolower(c1);
		c2 = tolower(c2);
		if (c1 != c2)
			break;
	} while (--len);
	return (int)c1 - (int)c2;
}
__attribute__((weak)) char *strpbrk(const char *cs, const char *ct)
{
	const char *sc;

	for (sc = cs; *sc != '\0'; ++sc)
		if (strchr(ct, *sc))
			return (char *)sc;
	return NULL;
}
/* strsep(): the token before the first delimiter, *s moved past it (NULL at the end). */
__attribute__((weak)) char *strsep(char **s, const char *ct)
{
	char *sbegin = *s;
	char *end;

	if (sbegin == NULL)
		return NULL;
	end = strpbrk(sbegin, ct);
	if (end)
		*end++ = '\0';
	*s = end;
	return sbegin;
}
__attribute__((weak)) char *skip_spaces(const char *str)
{
	while (isspace(*str))
		++str;
	return (char *)str;
}
/* strim(): trailing white space cut off in place, leading skipped. */
__attribute__((weak)) char *strim(char *s)
{
	size_t size;
	char *end;

	size = strlen(s);
	if (!size)
		return s;
	end = s + size - 1;
	while (end >= s && isspace(*end))
		end--;
	*(end + 1) = '\0';
	return skip_spaces(s);
}
#define strstrip(s) strim(s)
__attribute__((weak)) char *strreplace(char *s, char old, char new)
{
	for (; *s; ++s)
		if (*s == old)
			*s = new;
	return s;
}
/* sysfs_streq(): equal, a trailing newline on either side ignored (what echo writes). */
__attribute__((weak)) bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	if (!*s1 && *s2 == '\n' && !s2[1])
		return true;
	if (*s1 == '\n' && !s1[1] && !*s2)
		return true;
	return false;
}
/* __sysfs_match_string(): the index of buf in array (sysfs_streq), else -EINVAL. */
__attribute__((weak)) int __sysfs_match_string(const char * const *array, size_t n, const char *str)
{
	const char *item;
	int index;

	for (index = 0; index < n; index++) {
		item = array[index];
		if (!item)
			break;
		if (sysfs_streq(item, str))
			return index;
	}
	return -EINVAL;
}
#define sysfs_match_string(_a, _s) __sysfs_match_string(_a, ARRAY_SIZE(_a), _s)
__attribute__((weak)) int match_string(const char * const *array, size_t n, const char *string)
{
	int index;
	const char *item;

	for (index = 0; index < n; index++) {
		item = array[index];
		if (!item)
			break;
		if (!strcmp(item, string))
			return index;
	}
	return -EINVAL;
}
__attribute__((weak)) void *memscan(void *addr, int c, size_t size)
{
	unsigned char *p = addr;

	while (size) {
		if (*p == (unsigned char)c)
			return (void *)p;
		p++;
		size--;
	}
	return (void *)p;
}
static inline int strtobool(const char *s, bool *res) { return kstrtobool(s, res); }

/* mm/util.c: copies in new kmalloc() memory */
__attribute__((weak)) char *kstrdup(const char *s, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	buf = kmalloc(len, gfp);
	if (buf)
		memcpy(buf, s, len);
	return buf;
}
__attribute__((weak)) char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	size_t len;
	char *buf;

	if (!s)
		return NULL;
	len = strnlen(s, max);
	buf = kmalloc(len + 1, gfp);
	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}
__attribute__((weak)) void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kmalloc(len, gfp);

	if (p)
		memcpy(p, src, len);
	return p;
}
#define kstrdup_const(s, gfp) kstrdup((s), (gfp))
#define kfree_const(p) kfree(p)
/* lib/kasprintf.c: the formatted text in kmalloc() memory of its exact size. */
__attribute__((weak)) char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	unsigned int first, second;
	char *p;
	va_list aq;

	va_copy(aq, ap);
	first = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	p = kmalloc(first + 1, gfp);
	if (!p)
		return NULL;
	second = vsnprintf(p, first + 1, fmt, ap);
	WARN(first != second, "different return values (%u and %u) from vsnprintf(\"%s\", ...)", first, second, fmt);
	return p;
}
__attribute__((weak)) char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}
