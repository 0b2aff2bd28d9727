// The kernel log's readers: busybox dmesg (util-linux/dmesg.c) and systemd's journalctl -k.
// Sources of C programs kctx compiles into the machine; text_applet_source() (AppletSources.cpp)
// puts them together.
#include "shell/AppletParts.h"

namespace kctx::shell::applet {

// util-linux/dmesg.c: syslog(2)'s whole buffer, the "<N>" level prefixes removed (-r
// keeps them); -n LEVEL sets the console's level instead (klogctl(8), LEVEL 1..8:
// xatoul_range()'s "invalid number" otherwise).
const std::string_view kDmesg = R"c(#include <sys/klog.h>

int main(int argc, char **argv)
{
	int raw = 0, i;
	int len = klogctl(10, NULL, 0);
	int in = 0, out = 0, last = '\n';
	char *buf, *text;

	for (i = 1; i < argc; i++) {
		const char *level = NULL;
		char *end;
		long n;

		if (strcmp(argv[i], "-r") == 0) {
			raw = 1;
			continue;
		}
		if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
			level = argv[++i];
		else if (strncmp(argv[i], "-n", 2) == 0 && argv[i][2])
			level = argv[i] + 2;
		if (!level) {
			fprintf(stderr, "dmesg: invalid option -- '%s'\n", argv[i] + (argv[i][0] == '-'));
			return 1;
		}
		n = strtol(level, &end, 10);
		if (*end || end == level || n < 1 || n > 8) {
			fprintf(stderr, "dmesg: invalid number '%s'\n", level);
			return 1;
		}
		if (klogctl(8, NULL, (int)n) < 0) {
			fprintf(stderr, "dmesg: klogctl: %s\n", strerror(errno));
			return 1;
		}
		return 0;
	}

	if (len < 16 * 1024)
		len = 16 * 1024;
	buf = malloc(len);
	text = malloc(len + 1);
	len = klogctl(3, buf, len);
	if (len < 0) {
		fprintf(stderr, "%s: klogctl: %s\n", argv[0], strerror(errno));
		return 1;
	}
	while (in < len) {
		if (!raw && last == '\n' && buf[in] == '<') {
			while (in < len && buf[in++] != '>')
				;
			continue;
		}
		last = buf[in++];
		text[out++] = last;
	}
	if (out && last != '\n')
		text[out++] = '\n';
	bb_full_write(1, text, out);
	return 0;
}
)c";

// journalctl as systemd 252 prints the kernel's records in its default "short" format:
// "Mon DD HH:MM:SS HOST kernel: text", the time the boot time (CLOCK_REALTIME less
// CLOCK_MONOTONIC) plus the record's timestamp, in UTC, the host "localhost" (systemd's
// fallback hostname). Its options (--since, -k, -b ...) are accepted and change nothing:
// every record is from this boot.
const std::string_view kJournalctl = R"c(#include <sys/klog.h>
#include <time.h>

static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* The civil date of a day count since 1970-01-01 (the proleptic Gregorian calendar). */
static void civil(long days, int *month, int *day)
{
	long era, doe, yoe, doy, mp;

	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = doy - (153 * mp + 2) / 5 + 1;
	*month = mp < 10 ? mp + 3 : mp - 9;
}

int main(void)
{
	struct timespec real, mono;
	long boot, len = klogctl(10, NULL, 0);
	char *buf, *line;

	clock_gettime(CLOCK_REALTIME, &real);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	boot = real.tv_sec - mono.tv_sec - (real.tv_nsec < mono.tv_nsec ? 1 : 0);
	buf = malloc(len + 1);
	len = klogctl(3, buf, len);
	if (len < 0)
		return 1;
	buf[len] = 0;
	for (line = buf; *line;) {
		char *nl = strchr(line, '\n');
		char *text = strchr(line, ']');
		long sec = 0, when, days, secs;
		int month, day;
		const char *p = strchr(line, '[');

		if (nl)
			*nl = 0;
		if (p)
			sec = atol(p + 1);
		text = text ? text + 2 : line;
		when = boot + sec;
		days = when / 86400;
		secs = when % 86400;
		civil(days, &month, &day);
		printf("%s %02d %02ld:%02ld:%02ld localhost kernel: %s\n", months[month - 1], day, secs / 3600,
		       secs / 60 % 60, secs % 60, text);
		if (!nl)
			break;
		line = nl + 1;
	}
	return 0;
}
)c";

}   // namespace kctx::shell::applet
