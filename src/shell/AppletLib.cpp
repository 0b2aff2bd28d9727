// The pieces the text applets share: the libc headers they include, the escapes' digits,
// libbb's line reader and full_write().
// Sources of C programs kctx compiles into the machine; text_applet_source() (AppletSources.cpp)
// puts them together.
#include "shell/AppletParts.h"

namespace kctx::shell::applet {

// What each includes.
const std::string_view kIncludes = R"c(#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
)c";

// The digits of the escapes echo -e and printf decode (libbb's bb_process_escape_sequence()).
const std::string_view kDigits = R"c(
static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int octal(int c)
{
	return c >= '0' && c <= '7';
}
)c";

// Reading lines of any length from a descriptor (libbb's xmalloc_fgetline()).
const std::string_view kLineReader = R"c(
/* A line reader over a descriptor: lines of any length, the last one maybe without '\n'. */
struct bb_lines {
	int fd;
	char buf[4096];
	long len, pos;
	int eof;
	int error;
	char *line;
	long cap;
};

static void bb_lines_init(struct bb_lines *r, int fd)
{
	r->fd = fd;
	r->len = 0;
	r->pos = 0;
	r->eof = 0;
	r->error = 0;
	r->cap = 256;
	r->line = malloc(r->cap);
}

/* The next line with its '\n' if it has one; its length, 0 at the end, -1 on an error. */
static long bb_next_line(struct bb_lines *r)
{
	long n = 0;

	for (;;) {
		if (r->pos == r->len) {
			long got;

			if (r->eof)
				break;
			do
				got = read(r->fd, r->buf, sizeof(r->buf));
			while (got < 0 && errno == EINTR);
			if (got <= 0) {
				r->eof = 1;
				r->error = got < 0 ? errno : 0;
				break;
			}
			r->len = got;
			r->pos = 0;
		}
		if (n + 2 > r->cap) {
			r->cap *= 2;
			r->line = realloc(r->line, r->cap);
		}
		r->line[n++] = r->buf[r->pos++];
		if (r->line[n - 1] == '\n')
			break;
	}
	r->line[n] = 0;
	if (n == 0 && r->error)
		return -1;
	return n;
}
)c";

// libbb's full_write(): all of it, or an error.
const std::string_view kFullWrite = R"c(
static long bb_full_write(int fd, const char *buf, long len)
{
	long total = 0;

	while (total < len) {
		long w = write(fd, buf + total, len - total);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		total += w;
	}
	return total;
}

)c";

}   // namespace kctx::shell::applet
