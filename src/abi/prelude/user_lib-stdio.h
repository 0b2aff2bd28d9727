/* stdio on files and input (glibc 2.36's behaviour, kctx's own code): streams that
 * fopen() and fdopen() make read through a 4 KiB buffer; stdin is read a byte at a time
 * so that a child started later on the same pipe finds the rest; writes to a stream go
 * straight to its file (the kernel's fprintf and fputs send them there); stdout's
 * buffering is the kernel's (setvbuf). */

static void setbuf(FILE *stream, char *buf)
{
	setvbuf(stream, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

static void setbuffer(FILE *stream, char *buf, size_t size)
{
	setvbuf(stream, buf, buf ? _IOFBF : _IONBF, size);
}

static void setlinebuf(FILE *stream)
{
	setvbuf(stream, NULL, _IOLBF, 0);
}

/* glibc's _sys_siglist texts (string/strsignal.c, sysdeps/generic/siglist.h). The text
 * of an unknown signal is built in a fresh buffer (glibc's is thread-local): a static
 * one would be data in every program, since the prelude's data is always linked. */
static char *strsignal(int sig)
{
	char *unknown;
	switch (sig) {
	case 1: return "Hangup";
	case 2: return "Interrupt";
	case 3: return "Quit";
	case 4: return "Illegal instruction";
	case 5: return "Trace/breakpoint trap";
	case 6: return "Aborted";
	case 7: return "Bus error";
	case 8: return "Floating point exception";
	case 9: return "Killed";
	case 10: return "User defined signal 1";
	case 11: return "Segmentation fault";
	case 12: return "User defined signal 2";
	case 13: return "Broken pipe";
	case 14: return "Alarm clock";
	case 15: return "Terminated";
	case 16: return "Stack fault";
	case 17: return "Child exited";
	case 18: return "Continued";
	case 19: return "Stopped (signal)";
	case 20: return "Stopped";
	case 21: return "Stopped (tty input)";
	case 22: return "Stopped (tty output)";
	case 23: return "Urgent I/O condition";
	case 24: return "CPU time limit exceeded";
	case 25: return "File size limit exceeded";
	case 26: return "Virtual timer expired";
	case 27: return "Profiling timer expired";
	case 28: return "Window changed";
	case 29: return "I/O possible";
	case 30: return "Power failure";
	case 31: return "Bad system call";
	}
	unknown = malloc(32);
	if (!unknown)
		return "Unknown signal";
	if (sig >= 34 && sig <= 64)
		snprintf(unknown, 32, "Real-time signal %d", sig - 34);
	else
		snprintf(unknown, 32, "Unknown signal %d", sig);
	return unknown;
}

static int fileno(FILE *stream)
{
	if (stream == stdin)
		return 0;
	if (stream == stdout)
		return 1;
	if (stream == stderr)
		return 2;
	return stream->_fileno;
}

static FILE *fdopen(int fd, const char *mode)
{
	FILE *f = malloc(sizeof(FILE));
	if (!f) {
		errno = ENOMEM;
		return NULL;
	}
	f->_fileno = fd;
	f->_flags = 0;
	f->_ungot = -1;
	f->_pos = 0;
	f->_len = 0;
	return f;
}

/* The open(2) flags of fopen()'s mode: r w a, '+', and glibc's 'e' (O_CLOEXEC) and 'x'. */
static FILE *fopen(const char *path, const char *mode)
{
	int flags, fd;
	const char *m;
	FILE *f;

	switch (mode[0]) {
	case 'r': flags = O_RDONLY; break;
	case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; break;
	case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; break;
	default: errno = EINVAL; return NULL;
	}
	for (m = mode + 1; *m; m++) {
		if (*m == '+')
			flags = (flags & ~(O_RDONLY | O_WRONLY)) | O_RDWR;
		else if (*m == 'e')
			flags |= O_CLOEXEC;
		else if (*m == 'x')
			flags |= 0200; /* O_EXCL */
	}
	fd = open(path, flags, 0666);
	if (fd < 0)
		return NULL;
	f = fdopen(fd, mode);
	if (!f)
		close(fd);
	return f;
}

static int fclose(FILE *stream)
{
	int r;
	if (stream == stdin || stream == stdout || stream == stderr) {
		fflush(stream);
		return close(fileno(stream));
	}
	r = close(stream->_fileno);
	free(stream);
	return r;
}

static int feof(FILE *stream)
{
	if (stream == stdin || stream == stdout || stream == stderr)
		return 0;
	return stream->_flags & __KCTX_FEOF;
}

static int ferror(FILE *stream)
{
	if (stream == stdin || stream == stdout || stream == stderr)
		return 0;
	return stream->_flags & __KCTX_FERR;
}

static void clearerr(FILE *stream)
{
	if (stream != stdin && stream != stdout && stream != stderr)
		stream->_flags = 0;
}

static int fgetc(FILE *stream)
{
	unsigned char c;
	long n;

	if (stream == stdin) {
		do
			n = read(0, &c, 1);
		while (n < 0 && errno == EINTR);
		return n == 1 ? c : EOF;
	}
	if (stream == stdout || stream == stderr) {
		errno = EBADF;
		return EOF;
	}
	if (stream->_ungot >= 0) {
		int u = stream->_ungot;
		stream->_ungot = -1;
		return u;
	}
	if (stream->_pos == stream->_len) {
		if (stream->_flags & __KCTX_FEOF)
			return EOF;
		do
			n = read(stream->_fileno, stream->_buf, sizeof(stream->_buf));
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			stream->_flags |= n < 0 ? __KCTX_FERR : __KCTX_FEOF;
			return EOF;
		}
		stream->_pos = 0;
		stream->_len = n;
	}
	return (unsigned char)stream->_buf[stream->_pos++];
}

static int getc(FILE *stream)
{
	return fgetc(stream);
}

static int getchar(void)
{
	return fgetc(stdin);
}

/* stdin has no buffer to push back into: only streams fopen() made take ungetc(). */
static int ungetc(int c, FILE *stream)
{
	if (c == EOF || stream == stdin || stream == stdout || stream == stderr)
		return EOF;
	stream->_ungot = (unsigned char)c;
	stream->_flags &= ~__KCTX_FEOF;
	return (unsigned char)c;
}

static char *fgets(char *s, int size, FILE *stream)
{
	int n = 0, c;

	if (size <= 0)
		return NULL;
	while (n < size - 1) {
		c = fgetc(stream);
		if (c == EOF)
			break;
		s[n++] = c;
		if (c == '\n')
			break;
	}
	if (n == 0)
		return NULL;
	s[n] = 0;
	return s;
}

static ssize_t getdelim(char **lineptr, size_t *n, int delim, FILE *stream)
{
	size_t len = 0;
	int c;

	if (!lineptr || !n) {
		errno = EINVAL;
		return -1;
	}
	if (!*lineptr || *n == 0) {
		*n = 120;
		*lineptr = malloc(*n);
		if (!*lineptr)
			return -1;
	}
	for (;;) {
		c = fgetc(stream);
		if (c == EOF)
			break;
		if (len + 2 > *n) {
			char *grown = realloc(*lineptr, *n * 2);
			if (!grown)
				return -1;
			*lineptr = grown;
			*n *= 2;
		}
		(*lineptr)[len++] = c;
		if (c == delim)
			break;
	}
	(*lineptr)[len] = 0;
	return len ? (ssize_t)len : -1;
}

static ssize_t getline(char **lineptr, size_t *n, FILE *stream)
{
	return getdelim(lineptr, n, '\n', stream);
}

static size_t fread(void *ptr, size_t size, size_t nmemb, FILE *stream)
{
	char *p = ptr;
	size_t total = size * nmemb, got = 0;
	int c;

	if (total == 0)
		return 0;
	while (got < total) {
		c = fgetc(stream);
		if (c == EOF)
			break;
		p[got++] = c;
	}
	return got / size;
}

static size_t fwrite(const void *ptr, size_t size, size_t nmemb, FILE *stream)
{
	const char *p = ptr;
	size_t total = size * nmemb, done = 0;

	if (total == 0)
		return 0;
	if (stream == stdout || stream == stderr) {
		/* through stdio's own buffer, in order with printf() */
		for (; done < total; done++)
			fputc(p[done], stream);
		return nmemb;
	}
	while (done < total) {
		long w = write(fileno(stream), p + done, total - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			stream->_flags |= __KCTX_FERR;
			break;
		}
		done += w;
	}
	return done / size;
}

/* scanf's input: a string, or a stream read a character at a time. */
struct __kctx_scan_src {
	const char *s;
	FILE *f;
	int peeked; /* a character read from f and not consumed, or -2 */
	long count;  /* characters consumed: %n */
};

static int __kctx_scan_peek(struct __kctx_scan_src *in)
{
	if (in->s)
		return *in->s ? (unsigned char)*in->s : EOF;
	if (in->peeked == -2)
		in->peeked = fgetc(in->f);
	return in->peeked;
}

static void __kctx_scan_take(struct __kctx_scan_src *in)
{
	if (in->s)
		in->s++;
	else
		in->peeked = -2;
	in->count++;
}

static int __kctx_scan_digit(int c, int base)
{
	int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
	return d < base ? d : -1;
}

/* glibc vfscanf's conversions: d i u o x X p n s c [set] f e g a, with widths, '*',
 * and the size modifiers hh h l ll j z t L q. */
static int __kctx_vscan(struct __kctx_scan_src *in, const char *fmt, va_list ap)
{
	int assigned = 0, any_input = 0;

	for (; *fmt; fmt++) {
		int suppress = 0, width = 0, size = 0, c, conv;

		if (isspace((unsigned char)*fmt)) {
			while (isspace(__kctx_scan_peek(in)))
				__kctx_scan_take(in);
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%')
				fmt++;
			if (*fmt == '%')
				while (isspace(__kctx_scan_peek(in)))
					__kctx_scan_take(in);
			c = __kctx_scan_peek(in);
			if (c == EOF)
				return any_input || assigned ? assigned : EOF;
			if (c != (unsigned char)*fmt)
				return assigned;
			__kctx_scan_take(in);
			continue;
		}
		fmt++;
		if (*fmt == '*') {
			suppress = 1;
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		for (;; fmt++) {
			if (*fmt == 'h')
				size = size == -1 ? -2 : -1;
			else if (*fmt == 'l')
				size = size == 1 ? 2 : 1;
			else if (*fmt == 'L' || *fmt == 'q' || *fmt == 'j')
				size = 2;
			else if (*fmt == 'z' || *fmt == 't')
				size = 1;
			else
				break;
		}
		conv = *fmt;
		if (!conv)
			break;
		if (conv == 'n') {
			if (!suppress) {
				if (size == 2 || size == 1)
					*va_arg(ap, long *) = in->count;
				else
					*va_arg(ap, int *) = in->count;
			}
			continue;
		}
		if (conv != 'c' && conv != '[')
			while (isspace(__kctx_scan_peek(in)))
				__kctx_scan_take(in);
		if (__kctx_scan_peek(in) == EOF)
			return any_input || assigned ? assigned : EOF;
		any_input = 1;
		if (width == 0)
			width = conv == 'c' ? 1 : 1 << 30;
		if (conv == 'c') {
			char *out = suppress ? NULL : va_arg(ap, char *);
			int n = 0;
			while (n < width && (c = __kctx_scan_peek(in)) != EOF) {
				if (out)
					out[n] = c;
				n++;
				__kctx_scan_take(in);
			}
			if (n < width && n == 0)
				return assigned;
			assigned += !suppress;
			continue;
		}
		if (conv == 's' || conv == '[') {
			char set[256];
			int neg = 0, n = 0, k;
			char *out = suppress ? NULL : va_arg(ap, char *);
			for (k = 0; k < 256; k++)
				set[k] = conv == 's' ? !isspace(k) : 0;
			if (conv == '[') {
				fmt++;
				if (*fmt == '^') {
					neg = 1;
					fmt++;
				}
				if (*fmt == ']')
					set[(unsigned char)*fmt++] = 1;
				for (; *fmt && *fmt != ']'; fmt++) {
					if (fmt[1] == '-' && fmt[2] && fmt[2] != ']') {
						for (k = (unsigned char)fmt[0]; k <= (unsigned char)fmt[2]; k++)
							set[k] = 1;
						fmt += 2;
					} else {
						set[(unsigned char)*fmt] = 1;
					}
				}
				if (!*fmt)
					fmt--;
			}
			while (n < width && (c = __kctx_scan_peek(in)) != EOF && (set[c] != 0) != neg) {
				if (out)
					out[n] = c;
				n++;
				__kctx_scan_take(in);
			}
			if (n == 0)
				return assigned;
			if (out)
				out[n] = 0;
			assigned += !suppress;
			continue;
		}
		if (conv == 'f' || conv == 'e' || conv == 'g' || conv == 'E' || conv == 'G' || conv == 'a') {
			char num[64];
			int n = 0;
			double v;
			while (n < width && n < 63) {
				c = __kctx_scan_peek(in);
				if (!(isdigit(c) || c == '.' || ((c == '-' || c == '+') && (n == 0 || num[n - 1] == 'e' || num[n - 1] == 'E')) ||
				      ((c == 'e' || c == 'E') && n > 0)))
					break;
				num[n++] = c;
				__kctx_scan_take(in);
			}
			num[n] = 0;
			if (n == 0)
				return assigned;
			v = 0;
			{
				/* the decimal value: digits, a fraction, an exponent */
				const char *p = num;
				double sign = 1, scale = 1;
				int ex = 0, exsign = 1;
				if (*p == '-' || *p == '+')
					sign = *p++ == '-' ? -1 : 1;
				for (; isdigit(*p); p++)
					v = v * 10 + (*p - '0');
				if (*p == '.')
					for (p++; isdigit(*p); p++) {
						scale /= 10;
						v += (*p - '0') * scale;
					}
				if (*p == 'e' || *p == 'E') {
					p++;
					if (*p == '-' || *p == '+')
						exsign = *p++ == '-' ? -1 : 1;
					for (; isdigit(*p); p++)
						ex = ex * 10 + (*p - '0');
					v = v * pow(10, exsign * ex);
				}
				v *= sign;
			}
			if (!suppress) {
				if (size >= 1)
					*va_arg(ap, double *) = v;
				else
					*va_arg(ap, float *) = v;
				assigned++;
			}
			continue;
		}
		{
			/* integers: d i u o x X p */
			int base = conv == 'o' ? 8 : conv == 'x' || conv == 'X' || conv == 'p' ? 16 : 10;
			int neg = 0, digits = 0, n = 0, d;
			unsigned long v = 0;
			c = __kctx_scan_peek(in);
			if ((c == '-' || c == '+') && n < width) {
				neg = c == '-';
				__kctx_scan_take(in);
				n++;
			}
			if (conv == 'i' || base == 16) {
				if (__kctx_scan_peek(in) == '0' && n < width) {
					__kctx_scan_take(in);
					n++;
					digits = 1;
					c = __kctx_scan_peek(in);
					if ((c == 'x' || c == 'X') && n < width && conv != 'o') {
						__kctx_scan_take(in);
						n++;
						base = 16;
						digits = 0;
					} else if (conv == 'i') {
						base = 8;
					}
				}
			}
			while (n < width && (d = __kctx_scan_digit(__kctx_scan_peek(in), base)) >= 0) {
				v = v * base + d;
				__kctx_scan_take(in);
				n++;
				digits++;
			}
			if (!digits)
				return assigned;
			if (neg)
				v = -v;
			if (suppress)
				continue;
			if (conv == 'p')
				*va_arg(ap, void **) = (void *)v;
			else if (size == 2 || size == 1)
				*va_arg(ap, long *) = v;
			else if (size == -1)
				*va_arg(ap, short *) = v;
			else if (size == -2)
				*va_arg(ap, char *) = v;
			else
				*va_arg(ap, int *) = v;
			assigned++;
		}
	}
	return assigned;
}

static int vsscanf(const char *str, const char *format, va_list ap)
{
	struct __kctx_scan_src in;
	in.s = str;
	in.f = NULL;
	in.peeked = -2;
	in.count = 0;
	return __kctx_vscan(&in, format, ap);
}

static int sscanf(const char *str, const char *format, ...)
{
	va_list ap;
	int r;
	va_start(ap, format);
	r = vsscanf(str, format, ap);
	va_end(ap);
	return r;
}

/* The character scanf looked at last and did not use stays in a stream fopen() made
 * (ungetc); on stdin it is consumed. */
static int vfscanf(FILE *stream, const char *format, va_list ap)
{
	struct __kctx_scan_src in;
	int r;
	in.s = NULL;
	in.f = stream;
	in.peeked = -2;
	in.count = 0;
	r = __kctx_vscan(&in, format, ap);
	if (in.peeked >= 0)
		ungetc(in.peeked, stream);
	return r;
}

static int fscanf(FILE *stream, const char *format, ...)
{
	va_list ap;
	int r;
	va_start(ap, format);
	r = vfscanf(stream, format, ap);
	va_end(ap);
	return r;
}

static int scanf(const char *format, ...)
{
	va_list ap;
	int r;
	va_start(ap, format);
	r = vfscanf(stdin, format, ap);
	va_end(ap);
	return r;
}
